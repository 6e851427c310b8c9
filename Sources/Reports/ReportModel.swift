/// The parts a report is made of: sections holding paragraphs, key-value lists, tables with
/// pass/fail cells and figures. Rendered by ``HTMLDocument``.
///
/// ```swift
/// var section = ReportSection("Compliance")
/// section.add(.paragraph("Offsets within ±50 ADU of the block's nominal values."))
/// section.add(.table(ReportTable(header: ["CCD", "E"], rows: [[.text("CCD1"), .fail("2751.2", detail: "limits 2760 ... 2860")]])))
/// ```
public struct ReportSection: Sendable {
    public var title: String
    public var blocks: [ReportBlock] = []
    public var subsections: [ReportSection] = []

    public init(_ title: String, _ blocks: [ReportBlock] = []) {
        self.title = title
        self.blocks = blocks
    }

    public mutating func add(_ block: ReportBlock) { blocks.append(block) }
    public mutating func add(_ section: ReportSection) { subsections.append(section) }

    /// Figures in this section and its subsections.
    public var figureCount: Int {
        blocks.reduce(0) { n, block in
            switch block {
            case .figure: n + 1
            case .figures(let list): n + list.count
            default: n
            }
        } + subsections.reduce(0) { $0 + $1.figureCount }
    }
}

/// One piece of a section.
public enum ReportBlock: Sendable {
    case paragraph(String)
    /// A one-line verdict, coloured by its status.
    case verdict(String, CellStatus)
    case bullets([String])
    /// Name → value pairs (inputs, parameters...).
    case keyValues([(String, String)])
    case table(ReportTable)
    /// Small tables side by side, wrapping.
    case tables([ReportTable])
    case figure(ReportFigure)
    /// Figures side by side, wrapping.
    case figures([ReportFigure])
    /// Preformatted text (log lines, messages).
    case preformatted(String)
}

/// How a cell is coloured: passed checks green, failures red.
public enum CellStatus: String, Sendable {
    case neutral, pass, fail, warning
}

public struct ReportCell: Sendable {
    public var text: String
    public var status: CellStatus
    /// Shown under the value in small type (limits of a failed check).
    public var detail: String?

    public init(_ text: String, status: CellStatus = .neutral, detail: String? = nil) {
        self.text = text
        self.status = status
        self.detail = detail
    }

    public static func text(_ text: String) -> ReportCell { ReportCell(text) }
    public static func pass(_ text: String, detail: String? = nil) -> ReportCell { ReportCell(text, status: .pass, detail: detail) }
    public static func fail(_ text: String, detail: String? = nil) -> ReportCell { ReportCell(text, status: .fail, detail: detail) }
}

public struct ReportTable: Sendable {
    public var caption: String?
    public var header: [String]
    public var rows: [[ReportCell]]

    public init(caption: String? = nil, header: [String], rows: [[ReportCell]]) {
        self.caption = caption
        self.header = header
        self.rows = rows
    }

    /// A table of plain text.
    public init(caption: String? = nil, header: [String], text rows: [[String]]) {
        self.init(caption: caption, header: header, rows: rows.map { $0.map { ReportCell($0) } })
    }
}

/// A figure: inline SVG (a ``Chart``, ``StackedChart`` or ``ImageFigure``) and its caption.
public struct ReportFigure: Sendable {
    public var svg: String
    public var caption: String

    public init(svg: String, caption: String) {
        self.svg = svg
        self.caption = caption
    }
}
