/// A preset file problem, worded for the status bar.
package struct PresetStoreError: Error, CustomStringConvertible {
    /// The whole message, naming the file.
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
