#include "search/parallel.hpp"

namespace gqalut {

WorkerPool::WorkerPool(int threads) {
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
}

// Takes items until none are left; every taken item is counted as finished.
void WorkerPool::drain() {
    for (;;) {
        size_t i;
        const std::function<void(size_t)>* fn;
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (next_ >= n_) return;
            i = next_++;
            fn = fn_;
        }
        try {
            (*fn)(i);
        } catch (...) {
            std::lock_guard<std::mutex> lock(mu_);
            if (!error_) error_ = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(mu_);
        if (++finished_ == n_) done_.notify_all();
    }
}

void WorkerPool::work() {
    uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mu_);
            wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_) return;
            seen = generation_;
        }
        drain();
    }
}

void WorkerPool::for_each(size_t n, const std::function<void(size_t)>& fn) {
    if (n == 0) return;
    if (workers_.empty() || n == 1) {
        for (size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mu_);
        fn_ = &fn;
        n_ = n;
        next_ = finished_ = 0;
        error_ = nullptr;
        ++generation_;
    }
    wake_.notify_all();
    drain();
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] { return finished_ == n_; });
    fn_ = nullptr;
    n_ = 0;   // late workers find nothing to take
    if (error_) std::rethrow_exception(error_);
}

}  // namespace gqalut
