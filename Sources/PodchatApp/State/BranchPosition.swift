/// Where a message stands among its siblings (the messages that follow the same one): the
/// transcript shows it as ‹ 2/3 ›.
package struct BranchPosition: Sendable, Equatable {
    /// From 1, in the order the siblings were written.
    package let number: Int
    package let count: Int

    package init(number: Int, count: Int) {
        self.number = number
        self.count = count
    }
}
