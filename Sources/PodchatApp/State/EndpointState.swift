import PodchatCore

/// Which endpoint the next request goes to, the others the config names, and a switch on its
/// way (`/endpoint NAME`): the endpoint changes only once podchat has opened the new one, and
/// never under a reply still coming, which finishes where it started.
package struct EndpointState: Sendable, Equatable {
    package private(set) var current: EndpointIdentity
    /// The config's endpoint names, sorted: what `/endpoint` accepts and Tab completes.
    package let names: [String]
    /// The endpoint being opened, by name, until it is opened or fails.
    package private(set) var switching: String?
    /// The endpoint opened, waiting for the reply in flight to end before it takes over.
    package private(set) var ready: EndpointIdentity?
    /// Every known price by recorded name, so each reply is priced at its own endpoint's rate.
    private var prices: [String: GPUPrice]

    init(current: EndpointIdentity, names: [String], prices: [String: GPUPrice]) {
        self.current = current
        self.names = names.sorted()
        var known = prices
        if let price = current.price { known[current.recordedName] = price }
        self.prices = known
    }

    /// The price of the endpoint a reply recorded, nil when unknown or unpriced.
    package func price(of recordedName: String) -> GPUPrice? {
        prices[recordedName]
    }

    mutating func beginSwitch(to name: String) {
        switching = name
        ready = nil
    }

    /// The endpoint being switched to is open; ``takeOver()`` makes it current.
    mutating func open(_ opened: EndpointIdentity) {
        switching = nil
        ready = opened
        if let price = opened.price { prices[opened.recordedName] = price }
    }

    /// The endpoint could not be opened: requests stay where they went.
    mutating func failSwitch() {
        switching = nil
    }

    /// The opened endpoint becomes current; nil when none is waiting.
    mutating func takeOver() -> EndpointIdentity? {
        guard let ready else { return nil }
        current = ready
        self.ready = nil
        return ready
    }
}
