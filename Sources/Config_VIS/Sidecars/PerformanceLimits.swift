import Foundation

/// The performance limits every VIS test checks its frames against (vison's defaults),
/// from `Lookups/performance_limits.json`.
///
/// ```swift
/// let limits = try PerformanceLimits.load()
/// let block = try BlockOffsets.nominal(forBlock: "EINSTEIN")
/// limits.offsetRange(block, ccd: 1, quadrant: .E)          // 2663...2763 ADU
/// limits.readoutNoise                                      // 0.86...1.44 ADU
/// limits.flatFluenceRange(relativeFluencePercent: 50)      // 29491.2...36044.8 ADU
/// ```
public struct PerformanceLimits: Sendable, Equatable {
    /// Offsets of prescan, image and overscan may differ from the block's nominal offset by this (ADU).
    public var offsetTolerance: Double
    /// Allowed (image − prescan) and (overscan − prescan) offset differences (ADU).
    public var imageGradient: ClosedRange<Double>
    public var overscanGradient: ClosedRange<Double>
    /// Std (ddof 0) of prescan and overscan (ADU).
    public var readoutNoise: ClosedRange<Double>
    /// Fraction of pixels at 65535 per quadrant and column.
    public var saturatedFraction: ClosedRange<Double>
    /// Largest allowed |hard-edge response| at the first serial-overscan pixel.
    public var hardEdgeResponseMaximum: Double
    /// DARK01 image-area fluence above bias in 565 s (ADU).
    public var darkFluence: ClosedRange<Double>
    /// Flat fluence may differ from its target by this fraction.
    public var flatFluenceTolerance: Double
    /// ADU at 100 % relative fluence (2^16).
    public var fullScale: Double
    /// The time to 2^16 ADU from the measured flux may differ from the chamber's by this fraction.
    public var fluxTolerance: Double

    public func offsetRange(_ block: BlockOffsets, ccd: Int, quadrant: BlockOffsets.Quadrant) -> ClosedRange<Double>? {
        block.offset(ccd: ccd, quadrant: quadrant).map { ($0 - offsetTolerance)...($0 + offsetTolerance) }
    }

    /// For an exposure meant to reach `r` % of full well: centre min(r/100, 1) × 2^16, ± tolerance.
    public func flatFluenceRange(relativeFluencePercent r: Double) -> ClosedRange<Double> {
        let centre = min(r / 100, 1) * fullScale
        return (centre * (1 - flatFluenceTolerance))...(centre * (1 + flatFluenceTolerance))
    }

    /// The accepted time to 2^16 ADU (`65536 / flux`) for a chamber's nominal time.
    public func saturationTimeRange(nominal timeToFullWell: Double) -> ClosedRange<Double> {
        (timeToFullWell * (1 - fluxTolerance))...(timeToFullWell * (1 + fluxTolerance))
    }

    private struct File: Decodable {
        struct Value: Decodable { let value: Double }
        struct Span: Decodable { let range: [Double] }
        struct Gradients: Decodable { let image: [Double]; let overscan: [Double] }
        struct Maximum: Decodable { let maximum: Double }
        struct Fluence: Decodable { let tolerance: Double; let fullScale: Double }
        struct Tolerance: Decodable { let tolerance: Double }
        let offsetTolerance: Value
        let offsetGradients: Gradients
        let readoutNoise: Span
        let saturatedFraction: Span
        let hardEdgeResponse: Maximum
        let darkFluence: Span
        let flatFluence: Fluence
        let flux: Tolerance
    }

    public static func load() throws(LookupTableError) -> PerformanceLimits {
        let file = try LookupTable.decode(File.self, from: "performance_limits")
        func range(_ pair: [Double], _ what: String) throws(LookupTableError) -> ClosedRange<Double> {
            guard pair.count == 2, pair[0] <= pair[1] else {
                throw .undecodable(resource: "Lookups/performance_limits.json", reason: "\(what) is not a [low, high] pair")
            }
            return pair[0]...pair[1]
        }
        return PerformanceLimits(
            offsetTolerance: file.offsetTolerance.value,
            imageGradient: try range(file.offsetGradients.image, "offsetGradients.image"),
            overscanGradient: try range(file.offsetGradients.overscan, "offsetGradients.overscan"),
            readoutNoise: try range(file.readoutNoise.range, "readoutNoise"),
            saturatedFraction: try range(file.saturatedFraction.range, "saturatedFraction"),
            hardEdgeResponseMaximum: file.hardEdgeResponse.maximum,
            darkFluence: try range(file.darkFluence.range, "darkFluence"),
            flatFluenceTolerance: file.flatFluence.tolerance,
            fullScale: file.flatFluence.fullScale,
            fluxTolerance: file.flux.tolerance)
    }
}
