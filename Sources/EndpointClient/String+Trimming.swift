extension String {
    /// The string without leading and trailing spaces and line breaks.
    func trimmingWhitespace() -> String {
        let characters = drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        return String(characters)
    }
}
