/// A mouse action the terminal reported, at a cell of the screen.
package struct MouseEvent: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// The left button went down.
        case press
        case wheelUp
        case wheelDown
    }

    package var kind: Kind
    package var point: Point

    package init(_ kind: Kind, at point: Point) {
        self.kind = kind
        self.point = point
    }
}
