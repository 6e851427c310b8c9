/// Colour maps for image thumbnails: value in 0...1 to RGB.
///
/// * `viridis`: perceptually uniform, readable in grey print and by colour-blind readers;
/// * `grey`: black to white;
/// * `defects`: two colours, good pixels pale, defects dark red (for masks).
public enum ColourMap: String, Sendable {
    case viridis, grey, defects

    /// Anchor colours at even steps, linearly interpolated (a close approximation of viridis).
    private static let viridisAnchors: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ]

    public func rgb(_ t: Double) -> (UInt8, UInt8, UInt8) {
        let v = t.isFinite ? min(1, max(0, t)) : 0
        switch self {
        case .grey:
            let g = UInt8((v * 255).rounded())
            return (g, g, g)
        case .defects:
            return v >= 0.5 ? (178, 24, 43) : (235, 240, 245)
        case .viridis:
            let anchors = Self.viridisAnchors
            let position = v * Double(anchors.count - 1)
            let i = min(anchors.count - 2, Int(position))
            let f = position - Double(i)
            let a = anchors[i], b = anchors[i + 1]
            func mix(_ p: Double, _ q: Double) -> UInt8 { UInt8((p + (q - p) * f).rounded()) }
            return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
        }
    }

    /// `#rrggbb` of a value, for SVG gradients.
    func hex(_ t: Double) -> String {
        let (r, g, b) = rgb(t)
        return "#" + [r, g, b].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
