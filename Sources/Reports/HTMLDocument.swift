import Foundation

/// A self-contained HTML report: inline CSS, inline SVG figures (raster images as `data:`
/// URIs inside them), no script and no external reference, so it opens anywhere, offline,
/// and prints to PDF as it shows.
///
/// ```swift
/// var doc = HTMLDocument(title: "BIAS01 report", subtitle: "block EINSTEIN")
/// doc.add(ReportSection("Summary", [.verdict("All 108 checks passed", .pass)]))
/// try doc.render().write(toFile: "BIAS01_report.html", atomically: true, encoding: .utf8)
/// ```
public struct HTMLDocument: Sendable {
    public var title: String
    public var subtitle: String?
    public private(set) var sections: [ReportSection] = []

    public init(title: String, subtitle: String? = nil) {
        self.title = title
        self.subtitle = subtitle
    }

    public mutating func add(_ section: ReportSection) { sections.append(section) }

    public var figureCount: Int { sections.reduce(0) { $0 + $1.figureCount } }

    public func render() -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>\(htmlEscape(title))</title>
        <style>\(Self.css)</style>
        </head><body>
        <header><h1>\(htmlEscape(title))</h1>
        """
        if let subtitle { out += "<p class=\"subtitle\">\(htmlEscape(subtitle))</p>" }
        out += "</header>\n"
        if sections.count > 1 {
            out += "<nav><ol>"
            for (i, section) in sections.enumerated() { out += "<li><a href=\"#s\(i + 1)\">\(htmlEscape(section.title))</a></li>" }
            out += "</ol></nav>\n"
        }
        for (i, section) in sections.enumerated() { render(section, id: "s\(i + 1)", level: 2, into: &out) }
        out += "</body></html>\n"
        return out
    }

    private func render(_ section: ReportSection, id: String, level: Int, into out: inout String) {
        out += "<section id=\"\(id)\"><h\(level)>\(htmlEscape(section.title))</h\(level)>\n"
        // Consecutive figures share one wrapping row.
        var pending: [ReportFigure] = []
        func flush() {
            if !pending.isEmpty { out += "<div class=\"figures\">" + pending.map(figureHTML).joined() + "</div>\n" }
            pending = []
        }
        for block in section.blocks {
            switch block {
            case .figure(let figure): pending.append(figure)
            case .figures(let figures): pending += figures
            default:
                flush()
                render(block, into: &out)
            }
        }
        flush()
        for (i, sub) in section.subsections.enumerated() { render(sub, id: "\(id)-\(i + 1)", level: min(level + 1, 4), into: &out) }
        out += "</section>\n"
    }

    private func render(_ block: ReportBlock, into out: inout String) {
        switch block {
        case .paragraph(let text):
            out += "<p>\(htmlEscape(text))</p>\n"
        case .verdict(let text, let status):
            out += "<p class=\"verdict \(status.rawValue)\">\(htmlEscape(text))</p>\n"
        case .bullets(let items):
            out += "<ul>" + items.map { "<li>\(htmlEscape($0))</li>" }.joined() + "</ul>\n"
        case .keyValues(let pairs):
            out += "<table class=\"kv\">"
            for (key, value) in pairs { out += "<tr><th>\(htmlEscape(key))</th><td>\(htmlEscape(value))</td></tr>" }
            out += "</table>\n"
        case .tables(let tables):
            out += "<div class=\"tables\">"
            for table in tables { render(.table(table), into: &out) }
            out += "</div>\n"
        case .table(let table):
            out += "<table class=\"data\">"
            if let caption = table.caption { out += "<caption>\(htmlEscape(caption))</caption>" }
            out += "<thead><tr>" + table.header.map { "<th>\(htmlEscape($0))</th>" }.joined() + "</tr></thead><tbody>"
            for row in table.rows {
                out += "<tr>"
                for cell in row {
                    let cls = cell.status == .neutral ? "" : " class=\"\(cell.status.rawValue)\""
                    out += "<td\(cls)>\(htmlEscape(cell.text))"
                    if let detail = cell.detail { out += "<br><small>\(htmlEscape(detail))</small>" }
                    out += "</td>"
                }
                out += "</tr>"
            }
            out += "</tbody></table>\n"
        case .figure(let figure):
            out += "<div class=\"figures\">" + figureHTML(figure) + "</div>\n"
        case .figures(let figures):
            out += "<div class=\"figures\">" + figures.map(figureHTML).joined() + "</div>\n"
        case .preformatted(let text):
            out += "<pre>\(htmlEscape(text))</pre>\n"
        }
    }

    private func figureHTML(_ figure: ReportFigure) -> String {
        "<figure>\(figure.svg)<figcaption>\(htmlEscape(figure.caption))</figcaption></figure>"
    }

    /// The references of a page that would reach outside it: `src`/`href` values other than
    /// `data:` URIs and in-page `#anchors`, `<script>` elements, CSS `url(...)` and `@import`
    /// of anything but a data URI or an anchor. A self-contained report has none.
    public static func externalReferences(in html: String) -> [String] {
        var found: [String] = []
        let patterns = [#"(?i)\b(?:src|href|xlink:href|action|poster)\s*=\s*["']?(?!data:|#)([^"'\s>]+)"#,
                        #"(?i)url\(\s*["']?(?!data:|#)([^"')]+)"#, #"(?i)(@import[^;]*)"#, #"(?i)(<script\b[^>]*>)"#]
        for pattern in patterns {
            let regex = try! NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                if let range = Range(match.range(at: 1), in: html) { found.append(String(html[range])) }
            }
        }
        return found
    }

    static let css = """
    body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:14px;color:#222;max-width:1280px;margin:0 auto;padding:0 16px 40px}
    header{border-bottom:3px solid #2b5797;margin-bottom:8px}h1{margin:16px 0 4px;color:#2b5797}
    .subtitle{margin:0 0 10px;color:#555}
    nav ol{columns:3;margin:6px 0 10px;padding-left:20px}nav a{color:#2b5797;text-decoration:none}
    h2{border-bottom:1px solid #ccc;margin-top:28px;color:#2b5797}h3{margin-top:18px}h4{margin:12px 0 4px}
    table{border-collapse:collapse;margin:8px 0 12px}caption{text-align:left;font-weight:bold;padding:4px 0}
    th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;vertical-align:top}
    th{background:#eef2f8}table.kv th{text-align:left}table.kv td{text-align:left}
    table.data td:first-child,table.data th:first-child{text-align:left}
    .tables{display:flex;flex-wrap:wrap;gap:0 24px;align-items:flex-start}.tables caption{max-width:330px}
    td small{color:#444;font-size:11px}
    td.pass{background:#e3f4e3}td.fail{background:#fbd5d5;color:#a00000;font-weight:bold}td.warning{background:#fff3cd}
    .verdict{padding:6px 10px;border-left:5px solid #888;background:#f4f4f4}
    .verdict.pass{border-color:#2e8b57;background:#e8f6ec}.verdict.fail{border-color:#c00000;background:#fde8e8;color:#a00000;font-weight:bold}
    .verdict.warning{border-color:#d4a000;background:#fff8e1}
    .figures{display:flex;flex-wrap:wrap;gap:12px}figure{margin:4px 0;border:1px solid #ddd;padding:4px;background:#fff}
    figcaption{font-size:12px;color:#444;max-width:520px;padding:2px 4px}
    pre{background:#f6f6f6;padding:8px;font-size:12px;white-space:pre-wrap}
    @media print{nav{display:none}section{break-inside:auto}figure{break-inside:avoid}}
    """
}

/// HTML/XML text escaping.
public func htmlEscape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}
