/// One figure over all repetitions of a benchmark.
struct FigureStatistics: Sendable {
    let name: String
    let unit: Figure.Unit
    let median: Double
    let minimum: Double
    let maximum: Double

    /// Groups the repetitions' figures by name, in the order they were first reported.
    static func summarize(_ repetitions: [[Figure]]) -> [FigureStatistics] {
        var order: [String] = []
        var values: [String: [Double]] = [:]
        var units: [String: Figure.Unit] = [:]
        for figure in repetitions.joined() {
            if values[figure.name] == nil { order.append(figure.name) }
            values[figure.name, default: []].append(figure.value)
            units[figure.name] = figure.unit
        }
        return order.compactMap { name in
            guard let values = values[name], let median = values.median, let minimum = values.min(), let maximum = values.max(),
                let unit = units[name]
            else { return nil }
            return FigureStatistics(name: name, unit: unit, median: median, minimum: minimum, maximum: maximum)
        }
    }
}
