/// Which podchat this is: the release number, written here and nowhere else, and the commit it
/// was built from, which the GitCommitPlugin bakes in at build time.
package enum PodchatVersion {
    /// The release number; raise it here when a release is cut.
    package static let number = "0.9.0"

    /// The short hash of the commit built, or `unknown` when the package was not built from a
    /// git checkout (a source archive, say).
    package static let commit = buildCommit

    /// What `podchat --version` prints, and who wrote a conversation file: `podchat 0.9.0 (abc1234)`.
    package static let description = "podchat \(number) (\(commit))"
}
