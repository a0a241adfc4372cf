// `gqalut sim --model golden`: the golden model (model/unit_config.hpp GoldenUnit) evaluated
// element by element over the same inputs. It is the reference, so it has nothing to compare
// against; it reports its rate and the cost model's nominal estimate.
#include <chrono>

#include "sims/backends/unit_backend.hpp"

namespace gqalut::sim {

namespace {

class GoldenBackend : public UnitBackend {
public:
    explicit GoldenBackend(const BackendOptions& o) : opt_(o) {}
    SimReport run(const SimJob& job) override {
        SimReport r;
        r.model = "golden";
        r.shape = opt_.shape;
        r.indexing = opt_.indexing;
        r.latency = 0;
        volatile uint64_t sink = 0;
        for (int s : job.scales) {
            const std::vector<uint64_t> in = make_inputs(job.table, s, r.shape, job.inputs, job.stalls.seed + static_cast<uint64_t>(s));
            const GoldenUnit g(job.table, s, r.shape, job.rq);
            const auto t0 = std::chrono::steady_clock::now();
            uint64_t acc = 0;
            for (uint64_t w : in) acc += static_cast<uint64_t>(g.output(w));
            r.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            sink = sink + acc;
            r.per_scale.push_back({s, in.size(), 0, 0});
            r.compared += in.size();
        }
        r.cost = nominal_cost(r.shape, r.indexing, job.table.entries, opt_.clock_hz, r.shape.kind == UnitKind::int_unit);
        r.activity = "nominal";
        return r;
    }

private:
    BackendOptions opt_;
};

std::unique_ptr<UnitBackend> make_golden(const BackendOptions& o) { return std::make_unique<GoldenBackend>(o); }

const RegisterBackend reg{{"golden", "golden C++ model (GoldenUnit), element by element: the reference and its rate", make_golden, 10}};

}  // namespace

}  // namespace gqalut::sim
