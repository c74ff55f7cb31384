import PodchatCore

/// Everything a job will produce, fixed when it is submitted: the handler's yields, each stamped
/// with the engine step after which it exists, and how the job ends. A job's state at any moment
/// follows from its plan and the clock, so nothing has to run in the background.
struct JobPlan: Sendable {
    struct Yield: Sendable {
        var step: Int
        var output: JSONValue
        /// Whether the worker's post of it reached the platform; one that did not never shows in
        /// `/stream`, but stays in the job's aggregate output.
        var isPosted = true
    }

    enum Outcome: Sendable {
        case completed
        /// Ends `FAILED` with this `error` string.
        case failed(String)
        case timedOut
    }

    /// In step order.
    var yields: [Yield]
    /// The step at which the job reaches its outcome.
    var endStep: Int
    var outcome: Outcome = .completed

    /// This plan stopped after about a third of its steps, ending with `outcome` instead; the
    /// yields made before then stay delivered, as the runpod SDK does with a failing generator.
    /// This plan with its middle yield never posted (`[[sim:dropchunk]]`).
    func droppingChunk() -> JobPlan {
        var plan = self
        if !yields.isEmpty { plan.yields[yields.count / 2].isPosted = false }
        return plan
    }

    func interrupted(by outcome: Outcome) -> JobPlan {
        let cut = endStep / 3
        return JobPlan(yields: yields.filter { $0.step < cut }, endStep: cut, outcome: outcome)
    }
}
