// A small fixed pool of worker threads for the searchers' independent evaluations. Work items
// write only their own result slots, so results never depend on the number of threads.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gqalut {

class WorkerPool {
public:
    // threads <= 1 runs everything on the calling thread.
    explicit WorkerPool(int threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Calls fn(i) for i in [0, n), spread over the workers and the caller; returns when all are
    // done. The first exception thrown by fn is rethrown here.
    void for_each(size_t n, const std::function<void(size_t)>& fn);
    int threads() const { return static_cast<int>(workers_.size()) + 1; }

private:
    void work();
    void drain();

    std::vector<std::thread> workers_;
    std::mutex mu_;
    std::condition_variable wake_, done_;
    const std::function<void(size_t)>* fn_ = nullptr;
    size_t n_ = 0, next_ = 0, finished_ = 0;
    uint64_t generation_ = 0;
    bool stop_ = false;
    std::exception_ptr error_;
};

}  // namespace gqalut
