/// Why the panel's side B cannot be compared with side A as it stands.
struct CompareSetupProblem: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
