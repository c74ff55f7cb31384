import ArgumentParser
import PodchatCore

/// Turns errors that stop a command into one line on stderr and a non-zero exit status.
enum CommandFailure {
    /// Exit status for a configuration problem (a bad file, flag or missing key).
    static let configurationExitCode: Int32 = 2

    static func reporting<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as ConfigError {
            StandardError.write("podchat: \(error)")
            throw ExitCode(configurationExitCode)
        } catch let error as ExitCode {
            throw error
        } catch {
            StandardError.write("podchat: \(error)")
            throw ExitCode.failure
        }
    }
}
