/// What an endpoint costs per second of GPU time (`price_per_second`, in dollars). Runpod
/// bills a job's execution time, which its job answers report as `executionTime`; time in
/// the queue is not billed.
package struct GPUPrice: Sendable, Equatable {
    /// Dollars per second of execution; above zero.
    package var dollarsPerSecond: Double

    package init(dollarsPerSecond: Double) {
        self.dollarsPerSecond = dollarsPerSecond
    }

    /// The cost, in dollars, of running for `executionMilliseconds`.
    package func cost(executionMilliseconds: Int) -> Double {
        Double(executionMilliseconds) / 1000 * dollarsPerSecond
    }

    /// `dollars` written for a person: two significant digits below a cent, so a reply's
    /// $0.00074 does not read as $0.00; cents above. Zero is `$0`.
    package static func formatted(_ dollars: Double) -> String {
        guard dollars > 0 else { return "$0" }
        if dollars >= 0.01 { return "$" + fixed(dollars, decimals: 2) }
        var decimals = 2
        var scaled = dollars * 100
        while scaled < 10 && decimals < 12 {
            scaled *= 10
            decimals += 1
        }
        return "$" + fixed(dollars, decimals: decimals)
    }

    /// `value` rounded to `decimals` places, without Foundation's locale-dependent formatting.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let units = Int((value * scale).rounded())
        let whole = String(units / Int(scale))
        let fraction = String(units % Int(scale))
        return whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
