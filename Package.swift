// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "AstroKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AstroKit", targets: ["AstroKit"]),
        .library(name: "Config_VIS", targets: ["Config_VIS"]),
        .executable(name: "adinfo", targets: ["adinfo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // CFITSIO from Debian's libcfitsio-dev, found through pkg-config.
        .systemLibrary(
            name: "CFITSIO",
            pkgConfig: "cfitsio",
            providers: [.apt(["libcfitsio-dev"])]
        ),
        // GSL (GNU Scientific Library) from Debian's libgsl-dev: linear and non-linear least
        // squares, robust regression, interpolation and special functions.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(name: "AstroKit", dependencies: ["CFITSIO", "CGSL"]),
        // Prints timings of the statistics and 2-D fitting kernels on quadrant-sized images.
        .executableTarget(name: "astrokit-bench", dependencies: ["AstroKit"]),
        .target(name: "Config_VIS", dependencies: ["AstroKit"], resources: [.copy("Lookups")]),
        .executableTarget(
            name: "adinfo",
            dependencies: [
                "AstroKit", "Config_VIS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AstroKitTests", dependencies: ["AstroKit"]),
        .testTarget(name: "Config_VISTests", dependencies: ["Config_VIS", "AstroKit"]),
        .testTarget(name: "adinfoTests", dependencies: ["adinfo", "AstroKit"]),
    ],
    swiftLanguageModes: [.v6]
)
