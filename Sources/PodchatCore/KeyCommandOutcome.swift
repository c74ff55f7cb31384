/// How the config's `api_key_command` ended, as the program that ran it saw it.
package enum KeyCommandOutcome: Sendable, Equatable {
    /// It exited with `status`, having written `output` to standard output.
    case exited(status: Int32, output: [UInt8])
    /// A signal ended it.
    case killed(signal: Int32)
    /// It could not be started; `reason` is the system's.
    case notStarted(reason: String)
}
