import CSignalPipe
import Glibc

/// Signals the loop cares about, delivered as bytes on a pipe it polls.
final class SignalPipe {
    /// Signals that end podchat cleanly (the terminal is restored on the way out).
    static let terminating: [Int32] = [SIGTERM, SIGHUP, SIGINT]

    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private let signals: [Int32]

    /// Routes `signals` to the pipe. Call after ncurses has installed its handlers: its SIGWINCH
    /// handler keeps running; its handlers for the terminating signals, which would exit at
    /// once, do not.
    init(signals: [Int32]) {
        var descriptors: [Int32] = [0, 0]
        precondition(CSignalPipe_makePipe(&descriptors) == 0, "pipe2 failed: errno \(errno)")
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        self.signals = signals
        for signal in signals { _ = CSignalPipe_install(signal, writeDescriptor, Self.terminating.contains(signal) ? 0 : 1) }
    }

    deinit {
        for signal in signals { CSignalPipe_restore(signal) }
        Glibc.close(readDescriptor)
        Glibc.close(writeDescriptor)
    }

    /// The signals received since the last call.
    func drain() -> [Int32] {
        var buffer = [UInt8](repeating: 0, count: 64)
        var received: [Int32] = []
        while true {
            let count = read(readDescriptor, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[..<count].map { Int32($0) }
        }
        return received
    }
}
