import PodchatCore

/// What each endpoint costs per GPU-second, for `podchat usage`: conversation files keep no
/// price, so the current config's prices are used. A configured endpoint (by name, or by its
/// endpoint id for replies recorded before names) has its own price or none; any other
/// endpoint takes the top-level `price_per_second`; the simulator (`demo`) costs nothing.
package struct UsagePricing: Sendable, Equatable {
    /// The top-level `price_per_second`.
    package var standard: GPUPrice?
    /// Each configured endpoint's price by name and by endpoint id; nil where it has none.
    package var configured: [String: GPUPrice?]

    package init(standard: GPUPrice? = nil, configured: [String: GPUPrice?] = [:]) {
        self.standard = standard
        self.configured = configured
    }

    /// The prices `config` gives: its top-level price, and each named endpoint's under its
    /// name and its `endpoint_id`.
    package init(config: Config) {
        standard = config.price
        configured = [:]
        for (name, endpoint) in config.endpoints {
            configured[name] = .some(endpoint.price)
            if let id = endpoint.endpointID { configured[id] = .some(endpoint.price) }
        }
    }

    /// The price of the endpoint a reply recorded.
    package func price(of endpoint: String) -> GPUPrice? {
        if endpoint == UsageReport.demoEndpoint { return nil }
        if let known = configured[endpoint] { return known }
        return standard
    }

    /// Whether any endpoint has a price.
    var isEmpty: Bool {
        standard == nil && configured.values.allSatisfy { $0 == nil }
    }
}
