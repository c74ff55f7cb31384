/// What `/export` writes: Markdown to read, or the stored JSON to keep or process.
package enum ExportFormat: String, Sendable, Equatable, CaseIterable {
    case markdown = "md"
    case json

    /// The file name extension, which is also the word `/export` takes.
    package var fileExtension: String { rawValue }
}
