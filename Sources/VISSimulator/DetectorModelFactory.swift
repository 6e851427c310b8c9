import Config_VIS
import Foundation

/// Which optional effects a run simulates.
public struct PhysicsOptions: Sendable, Codable, Equatable {
    public var nonLinearity: Bool = false
    public var brighterFatter: Bool = false
    public var cosmicRays: Bool = true
    public var hotPixels: Bool = true
    public var badColumns: Bool = true
    public var prnu: Bool = true
    /// Fractional PRNU rms (0.01 = 1 %).
    public var prnuRMS: Double = 0.01

    public init() {}
}

extension DetectorModel {
    /// Parameter ranges of a plausible CCD273 block (VIS.md 7.1): they are drawn per quadrant,
    /// so every quadrant differs and a recipe that mixes them up fails.
    public static let gainRange = 3.1...3.6
    public static let readNoiseRange = 1.1...1.3
    public static let darkCurrentRange = 0.001...0.005
    /// Offsets drawn when no block is named (real blocks span 2420–3163 ADU).
    public static let offsetRange = 2400.0...3000.0
    /// Deviation of the true offset from a named block's nominal table value: real biases sit
    /// near, not on, the nominal; ±5 ADU stays well inside the ±50 ADU check.
    public static let blockOffsetScatter = 5.0

    /// The block for `seed`: every parameter is drawn from streams named by the seed and the CCD,
    /// so CCD 2 is the same whether or not CCDs 1 and 3 are simulated.
    public static func make(seed: UInt64, ccds: [Int], size: FrameSize, block: String?,
                            options: PhysicsOptions) throws -> DetectorModel {
        let offsets = try block.map { try BlockOffsets.nominal(forBlock: $0) }
        let models = ccds.map { ccd in
            makeCCD(seed: seed, ccd: ccd, geometry: size.geometry, offsets: offsets, options: options)
        }
        return DetectorModel(seed: seed, size: size, block: offsets?.block ?? block, ccds: models,
                             nonLinearity: options.nonLinearity ? .standard : nil,
                             brighterFatter: options.brighterFatter ? .standard : nil,
                             cosmicRays: options.cosmicRays ? .standard : nil)
    }

    static func makeCCD(seed: UInt64, ccd: Int, geometry: VISGeometry, offsets: BlockOffsets?,
                        options: PhysicsOptions) -> CCDModel {
        var rng = Xoshiro256(stream: seed, UInt64(ccd), 0xCCD)
        let quadrants = Quadrant.allCases.map { q -> QuadrantModel in
            let nominal = offsets?.offset(ccd: ccd, quadrant: BlockOffsets.Quadrant(rawValue: q.rawValue)!)
            let offset = nominal.map { $0 + rng.uniform(in: -blockOffsetScatter...blockOffsetScatter) }
                ?? rng.uniform(in: offsetRange)
            return QuadrantModel(quadrant: q, offset: offset, readNoise: rng.uniform(in: readNoiseRange),
                                 gain: rng.uniform(in: gainRange), darkCurrent: rng.uniform(in: darkCurrentRange))
        }
        let serial = String(format: "CCD273-14-%d-%03d_SN_%05d-%02d-%02d", ccd, rng.index(below: 1000),
                            rng.index(below: 100_000), rng.index(below: 100), rng.index(below: 100))
        var defectRNG = Xoshiro256(stream: seed, UInt64(ccd), 0xDEFEC7)
        return CCDModel(ccd: ccd, serial: serial, quadrants: quadrants,
                        prnuRMS: options.prnu ? options.prnuRMS : 0,
                        prnuKey: SplitMix64.hash(seed, UInt64(ccd), 0x9A1),
                        hotPixels: options.hotPixels ? makeHotPixels(&defectRNG, geometry: geometry) : [],
                        badColumns: options.badColumns ? makeBadColumns(&defectRNG, geometry: geometry) : [])
    }

    /// Hot pixels per quadrant: 12 on a full quadrant, scaled by area (at least 2), with rates
    /// log-uniform in 1…20 e⁻/s, i.e. 170–3300 ADU in DARK01's 565 s, all above its 50 ADU cut.
    /// Kept 2 pixels away from the image edges and from each other so each one is isolated.
    static func makeHotPixels(_ rng: inout Xoshiro256, geometry g: VISGeometry) -> [HotPixel] {
        let area = Double(g.imageColumns * g.imageRows) / Double(2048 * 2066)
        let perQuadrant = max(2, Int((12 * area).rounded()))
        var pixels: [HotPixel] = []
        for q in Quadrant.allCases {
            var placed: [HotPixel] = []
            while placed.count < perQuadrant {
                let column = 2 + rng.index(below: g.imageColumns - 4)
                let row = 2 + rng.index(below: g.imageRows - 4)
                let rate = Foundation.exp(rng.uniform(in: Foundation.log(1.0)...Foundation.log(20.0)))
                guard !placed.contains(where: { abs($0.column - column) <= 2 && abs($0.row - row) <= 2 }) else { continue }
                placed.append(HotPixel(quadrant: q, column: column, row: row, darkCurrent: rate))
            }
            pixels += placed.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        }
        return pixels
    }

    /// Two bad columns per CCD in different quadrants: one dead (30 % response, below the
    /// 0.5 flat-mask cut) and one hot (0.5 e⁻/s, ~85 ADU per pixel in 565 s, above the 50 ADU
    /// dark-mask cut), 10 columns clear of the image edges.
    static func makeBadColumns(_ rng: inout Xoshiro256, geometry g: VISGeometry) -> [BadColumn] {
        let first = rng.index(below: 4)
        let second = (first + 1 + rng.index(below: 3)) % 4
        let column = { (rng: inout Xoshiro256) in 10 + rng.index(below: g.imageColumns - 20) }
        return [
            BadColumn(quadrant: Quadrant.allCases[first], column: column(&rng), kind: .dead, response: 0.3, darkCurrent: 0),
            BadColumn(quadrant: Quadrant.allCases[second], column: column(&rng), kind: .hot, response: 1, darkCurrent: 0.5),
        ]
    }
}
