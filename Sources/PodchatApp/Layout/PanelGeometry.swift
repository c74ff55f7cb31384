/// Where the side panel's parts go in its area: the content beside the divider, the list of
/// fields (scrolled to keep the selection in view), and the detail at the bottom when there is
/// room. The panel view draws with it and a click is placed with it, so both agree.
struct PanelGeometry {
    /// The detail area: the field's name, then up to four wrapped lines.
    static let detailRows = 5

    let content: Rect
    let list: Rect
    let detail: Rect?

    /// The geometry in `area`, or nil when it is too small to draw.
    init?(in area: Rect) {
        content = Rect(x: area.x + 2, y: area.y, width: area.width - 3, height: area.height)
        guard content.width > 8, content.height > 1 else { return nil }
        let showsDetail = content.height >= 14
        list = Rect(x: content.x, y: content.y + 1, width: content.width, height: content.height - 1 - (showsDetail ? Self.detailRows + 1 : 0))
        detail = showsDetail ? Rect(x: content.x, y: content.maxY - Self.detailRows, width: content.width, height: Self.detailRows) : nil
    }

    /// The first list row on screen: the selection stays in view, and the list scrolls no
    /// further than it must.
    func firstVisibleLine(selection: Int) -> Int {
        let selectedLine = PanelLine.all.firstIndex(of: .field(selection)) ?? 0
        return max(0, min(selectedLine - list.height + 1, PanelLine.all.count - list.height))
    }

    /// The field drawn at `point` in a panel occupying `area`, as the last frame showed it.
    static func field(at point: Point, in area: Rect, selection: Int) -> Int? {
        guard let geometry = PanelGeometry(in: area), geometry.list.contains(point) else { return nil }
        let line = geometry.firstVisibleLine(selection: selection) + point.y - geometry.list.y
        guard PanelLine.all.indices.contains(line), case .field(let index) = PanelLine.all[line] else { return nil }
        return index
    }
}
