import Foundation

public struct CompileError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// C source compiled by the system compiler into a shared object and loaded with dlopen; the object is
/// unloaded and its directory removed when the last reference goes.
public final class CompiledLibrary: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    let directory: URL
    /// The compiler's warnings (the build succeeded).
    public let warnings: String

    /// The flags of `verify`: optimised, no contraction of a*b+c into fma (the result would depend on
    /// the compiler), position-independent for loading.
    public static let flags = ["-std=gnu11", "-O2", "-ffp-contract=off", "-fPIC", "-shared"]
    /// Added by default: the host's instruction set, so that fma() is one instruction instead of a call
    /// into libm, and the vectoriser's full cost model (at -O2 gcc vectorises only trivial loops). Results
    /// are unchanged: fma is exact either way, and contraction stays off.
    public static let hostFlags = ["-march=native", "-fvect-cost-model=dynamic"]

    /// Compiles `files` (name → text; the .c files are the translation units, others are headers beside
    /// them) with `cc` (or $CC) and loads the result.
    public init(files: [(name: String, text: String)], extraFlags: [String] = CompiledLibrary.hostFlags, includeDirectories: [String] = []) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mish-verify-\(UUID().uuidString)")
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            for f in files { try f.text.write(to: directory.appendingPathComponent(f.name), atomically: true, encoding: .utf8) }
            let library = directory.appendingPathComponent("libverify.so").path
            let units = files.filter { $0.name.hasSuffix(".c") }.map { directory.appendingPathComponent($0.name).path }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [ProcessInfo.processInfo.environment["CC"] ?? "cc"] + CompiledLibrary.flags + extraFlags
                + includeDirectories.map { "-I" + $0 } + ["-o", library] + units + ["-lm"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CompileError(description: "the C compiler failed:\n" + message)
            }
            warnings = message
            guard let h = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
                throw CompileError(description: "cannot load the compiled library: " + String(cString: dlerror()))
            }
            handle = h
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Set MISH_VERIFY_KEEP=1 to keep the sources and the shared object (their directory goes to stderr).
    deinit {
        dlclose(handle)
        if ProcessInfo.processInfo.environment["MISH_VERIFY_KEEP"] == "1" {
            FileHandle.standardError.write(Data("kept \(directory.path)\n".utf8))
        } else {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// The address of an exported symbol, nil when the library has none of that name.
    public func address(of name: String) -> UnsafeMutableRawPointer? { dlsym(handle, name) }

    /// An exported function as a Swift function type.
    func function<T>(_ name: String, as type: T.Type) throws -> T {
        guard let p = dlsym(handle, name) else { throw CompileError(description: "the library has no symbol \(name)") }
        return unsafeBitCast(p, to: type)
    }
}
