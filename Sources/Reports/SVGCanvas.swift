import Foundation

struct Rect: Sendable {
    var x, y, width, height: Double
}

/// Accumulates SVG elements; numbers are written with one decimal (pixels).
struct SVGCanvas {
    let width: Double, height: Double
    private var body = ""
    /// Clip-path ids must be unique in the whole HTML page, which holds many SVGs.
    private let idPrefix = "c" + UUID().uuidString.prefix(8).lowercased()
    private var clips = 0

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    mutating func raw(_ element: String) { body += element }

    mutating func rect(_ r: Rect, fill: String, stroke: String, opacity: Double? = nil) {
        body += "<rect x=\"\(Self.n(r.x))\" y=\"\(Self.n(r.y))\" width=\"\(Self.n(r.width))\" height=\"\(Self.n(r.height))\" fill=\"\(fill)\" stroke=\"\(stroke)\""
        if let opacity { body += " fill-opacity=\"\(opacity)\"" }
        body += "/>"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(width)\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double) {
        guard points.count > 1 else { return }
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"/>"
    }

    mutating func marker(_ x: Double, _ y: Double, colour: String, open: Bool = false) {
        body += "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"3.2\" fill=\"\(open ? "#ffffff" : colour)\" stroke=\"\(colour)\" stroke-width=\"1.2\"/>"
    }

    mutating func text(_ text: String, x: Double, y: Double, anchor: String, size: Double, weight: String? = nil, rotate: Bool = false) {
        guard !text.isEmpty else { return }
        body += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(Self.n(size))\""
        if let weight { body += " font-weight=\"\(weight)\"" }
        if rotate { body += " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" }
        body += ">\(htmlEscape(text))</text>"
    }

    /// Draws a raster (PNG data URI) stretched over `r`, pixels kept sharp.
    mutating func image(_ dataURI: String, in r: Rect) {
        body += "<image x=\"\(Self.n(r.x))\" y=\"\(Self.n(r.y))\" width=\"\(Self.n(r.width))\" height=\"\(Self.n(r.height))\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"\(dataURI)\"/>"
    }

    mutating func beginClip(_ r: Rect) {
        clips += 1
        let id = "\(idPrefix)-\(clips)"
        body += "<clipPath id=\"\(id)\"><rect x=\"\(Self.n(r.x))\" y=\"\(Self.n(r.y))\" width=\"\(Self.n(r.width))\" height=\"\(Self.n(r.height))\"/></clipPath><g clip-path=\"url(#\(id))\">"
    }

    mutating func endClip() { body += "</g>" }

    func finish() -> String {
        "<svg width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">" + body + "</svg>"
    }
}
