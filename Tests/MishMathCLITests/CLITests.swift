import Foundation
import Testing
import MishNumbers
import MishSymbolic
import MishTestSupport

/// Runs the built `mish-math` executable, as a user would.
struct CLI {
    static let executable: URL = {
        var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent()) }
        for dir in candidates {
            let url = dir.appendingPathComponent("mish-math")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        fatalError("mish-math executable not found next to the test bundle")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }
}

@Suite("mish-math eval")
struct EvalCommandTests {
    @Test("π to 1000 digits is MPFR's correctly rounded π")
    func piThousandDigits() throws {
        let r = try CLI.run(["eval", "pi", "--digits", "1000"])
        #expect(r.status == 0)
        let expected = BigFloat.pi(precision: 3400).decimalString(significantDigits: 1000)
        #expect(r.stdout == expected + "\n")
    }

    @Test("mish at the seed's −1.1924 to 40 digits matches MPFR's composition")
    func mishAtSeedPoint() throws {
        let r = try CLI.run(["eval", "mish(x)", "--at", "-1.1924", "--digits", "40"])
        #expect(r.status == 0)
        let x = BigFloat(try Rational(parsing: "-1.1924"), precision: 600)
        let reference = x * x.exp().log1p().tanh()
        #expect(r.stdout == reference.decimalString(significantDigits: 40) + "\n")
    }

    @Test("the JSON form carries the value, its certificate and the enclosure")
    func json() throws {
        let r = try CLI.run(["eval", "x*tanh(log1p(exp(x)))", "--at", "pi/4", "--digits", "25", "--format", "json"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["certified"] as? Bool == true)
        #expect(object["digits"] as? Int == 25)
        let value = try #require(object["value"] as? String)
        let enclosure = try #require(object["enclosure"] as? [String])
        let v = try BigFloat(parsing: value, precision: 200)
        let lo = try BigFloat(parsing: enclosure[0], precision: 200), hi = try BigFloat(parsing: enclosure[1], precision: 200)
        #expect(lo <= hi && (lo.decimalString(significantDigits: 25) == value || v >= lo))
        #expect((object["working_precision_bits"] as? Int ?? 0) >= 83)
    }

    @Test("a long expression can come from standard input")
    func standardInput() throws {
        let text = Array(repeating: "x/x", count: 20_000).joined(separator: "+")
        let r = try CLI.run(["eval", "-", "--at", "2", "--digits", "5"], input: text)
        #expect(r.status == 0)
        #expect(r.stdout == "20000\n")
    }

    @Test("limits at ±inf; nan refused")
    func infinities() throws {
        #expect(try CLI.run(["eval", "mish(x)", "--at", "-inf"]).stdout == "0\n")
        #expect(try CLI.run(["eval", "mish(x)", "--at", "inf"]).stdout == "inf\n")
        let nan = try CLI.run(["eval", "mish(x)", "--at", "nan"])
        #expect(nan.status == 64)
        #expect(nan.stderr.contains("nan"))
        // −∞·0 for the named functions' limits, settled by the expression's own certified limit: its normal form,
        // the scaled argument y = 1.702x, term by term (0 + 0); x·softplus(x) has none of these and is refused.
        #expect(try CLI.run(["eval", "x*tanh(softplus(x))", "--at", "-inf"]).stdout == "0\n")
        #expect(try CLI.run(["eval", "x*sigmoid(1.702*x)", "--at", "inf"]).stdout == "inf\n")
        #expect(try CLI.run(["eval", "x*sigmoid(x) + softplus(x) + 1/3", "--at", "-inf", "--digits", "5"]).stdout == "0.33333\n")
        let json = try CLI.run(["eval", "x*sigmoid(1.702*x)", "--at", "-inf", "--format", "json"])
        #expect(json.stdout.contains("the limit at -inf"))
        let indeterminate = try CLI.run(["eval", "x*softplus(x)", "--at", "-inf"])
        #expect(indeterminate.status == 1)
        #expect(indeterminate.stderr.contains("indeterminate"))
    }

    /// Bad input: a clear message on stderr, a non-zero status, nothing on stdout.
    @Test("bad input gets a clear error and a non-zero status", arguments: [
        (["eval", "tanh("], 65, "column 6"),
        (["eval", "foo(x)", "--at", "1"], 65, "known functions: cosh, erf, exp"),
        (["eval", "pi", "--digits", "0"], 64, "between 1 and 1000000"),
        (["eval", "pi", "--digits", "-3"], 64, "between 1 and 1000000"),
        (["eval", "pi", "--digits", "1000001"], 64, "between 1 and 1000000"),
        (["eval", "pi", "--digits", "many"], 64, "digits"),
        (["eval", "mish(x)"], 1, "--at"),
        (["eval", "mish(x)", "--at", "x"], 64, "constant"),
        (["eval", "mish(x)", "--at", "1..2"], 65, "--at"),
        (["eval", "log(x)", "--at", "-1"], 1, "undefined"),
        (["eval", "1/(x - 1/10)", "--at", "0.1"], 1, "non-zero"),
        (["eval", "1/(x - x)", "--at", "0.1"], 1, "undefined"),
        (["eval", "exp(exp(100))"], 1, "overflow"),
        (["eval", "2**3"], 65, "'^'"),
        (["eval", ""], 65, "empty"),
        (["frobnicate"], 64, "frobnicate"),
    ] as [([String], Int32, String)])
    func badInput(_ arguments: [String], _ status: Int32, _ mention: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == status, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(mention), "\(arguments): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test("a value on a rounding boundary is printed, labelled uncertified, exit status 3")
    func uncertified() throws {
        let r = try CLI.run(["eval", "x/10", "--at", "1.25", "--digits", "2"])
        #expect(r.status == 3)
        #expect(!r.stdout.isEmpty)
        #expect(r.stderr.contains("not certified"))
    }

    @Test("--help explains how the working precision is chosen")
    func help() throws {
        let r = try CLI.run(["eval", "--help"])
        #expect(r.status == 0)
        let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("interval arithmetic over MPFR"))
        #expect(text.contains("the precision is doubled"))
    }
}

@Suite("mish-math report")
struct ReportCommandTests {
    @Test("the report's values agree with eval, and f′ is the derivative (central difference)")
    func reportAgreesWithEval() throws {
        let r = try CLI.run(["report", "--digits", "30", "--format", "json"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["values"] as? [[String: Any]])
        #expect(rows.count >= 10)
        for row in rows.prefix(12) {
            let x = try #require(row["x"] as? String)
            let value = try #require((row["value"] as? [String: Any])?["value"] as? String)
            let derivative = try #require((row["derivative"] as? [String: Any])?["value"] as? String)
            let eval = try CLI.run(["eval", "mish(x)", "--at", x, "--digits", "30"])
            #expect(eval.stdout == value + "\n", "mish(\(x))")
            // f'(x) ≈ (f(x+h) − f(x−h))/2h with h = 1e-25 at 300 bits: error ~1e-50, far below 30 digits.
            let q = try Rational(parsing: x), h = Rational(1, 1) / Rational(BigInt(10).power(25))
            let up = BigFloat(q + h, precision: 300).mish(), down = BigFloat(q - h, precision: 300).mish()
            let numeric = (up - down) / BigFloat(h * 2, precision: 300)
            #expect(numeric.decimalString(significantDigits: 30) == derivative, "mish'(\(x))")
        }
    }

    @Test("the text report is the default command")
    func defaultCommand() throws {
        let r = try CLI.run(["--digits", "12"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("f'(x)"))
        #expect(r.stdout.contains("-1.1924"))
    }
}

@Suite("mish-math derive")
struct DeriveCommandTests {
    @Test("the default, mish′ in normal form, has the value of d(mish(x)) at several points")
    func defaultIsMishPrime() throws {
        let r = try CLI.run(["derive"])
        #expect(r.status == 0)
        let text = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for x in ["-3", "-1.19", "0.5", "7"] {
            let a = try CLI.run(["eval", text, "--at", x, "--digits", "35"])
            let b = try CLI.run(["eval", "d(mish(x))", "--at", x, "--digits", "35"])
            #expect(a.status == 0 && a.stdout == b.stdout, "at \(x): \(a.stdout) vs \(b.stdout)")
        }
    }

    @Test("JSON: three notations and the integer coefficients; the coefficients rebuild the value")
    func json() throws {
        let r = try CLI.run(["derive", "swish(x)", "--order", "3", "--format", "json"])
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["form"] as? String == "normal")
        #expect(o["order"] as? Int == 3)
        #expect((o["latex"] as? String)?.contains("\\frac") == true)
        #expect((o["c"] as? String)?.contains("double d3(double x)") == true)
        let normal = try #require(o["normal_form"] as? [String: Any])
        let numerator = try #require(normal["numerator"] as? [[String]])
        let factors = try #require(normal["denominator_factors"] as? [[String: Any]])
        let constantText = try #require(normal["denominator_constant"] as? String)
        let constant = try #require(BigInt(constantText))
        // Rebuild Σ xⁱ Pᵢ(u) / (c Π fⱼ(u)^eⱼ) at x = 1/2 from the strings and compare with eval of d(swish(x), 3).
        let x = Rational(1, 2)
        let p = 300
        let u = BigFloat(x, precision: p).exp()
        func poly(_ cs: [String]) -> BigFloat {
            cs.reversed().reduce(BigFloat(0, precision: p)) { $0 * u + BigFloat(BigInt($1)!, precision: p) }
        }
        var top = BigFloat(0, precision: p)
        for (i, cs) in numerator.enumerated() { top = top + poly(cs) * BigFloat(x, precision: p).pow(i) }
        var bottom = BigFloat(constant, precision: p)
        for f in factors { bottom = bottom * poly(f["coefficients"] as! [String]).pow(f["exponent"] as! Int) }
        let rebuilt = (top / bottom).decimalString(significantDigits: 30)
        let eval = try CLI.run(["eval", "d(swish(x), 3)", "--at", "1/2", "--digits", "30"])
        #expect(eval.stdout == rebuilt + "\n")
    }

    @Test("--form raw and expressions outside the class (gelu) use the chain rule")
    func rawForm() throws {
        let gelu = try CLI.run(["derive", "gelu(x)"])
        #expect(gelu.status == 0)
        let a = try CLI.run(["eval", gelu.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--at", "0.3", "--digits", "30"])
        let b = try CLI.run(["eval", "d(gelu(x))", "--at", "0.3", "--digits", "30"])
        #expect(a.stdout == b.stdout && a.status == 0)
        let raw = try CLI.run(["derive", "--form", "raw", "--order", "2", "--format", "json"])
        #expect(raw.status == 0 && raw.stdout.contains("\"form\" : \"raw\""))
    }

    @Test("--order negative or absurd, and --form normal outside the class, are refused with the reason", arguments: [
        (["derive", "--order", "-1"], 64, "non-negative"),
        (["derive", "--order", "100000"], 64, "beyond 2000"),
        (["derive", "--form", "raw", "--order", "41"], 64, "beyond 40"),
        (["derive", "gelu(x)", "--form", "normal"], 1, "outside the exp-rational class"),
        (["derive", "tanh("], 65, "column 6"),
        (["derive", "--format", "pdf"], 64, "pdf"),
    ] as [([String], Int32, String)])
    func refused(_ arguments: [String], _ status: Int32, _ mention: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == status, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(mention), "\(arguments): \(r.stderr)")
    }

    @Test("--time reports the in-process timing on stderr and keeps stdout the result")
    func timing() throws {
        let r = try CLI.run(["derive", "--order", "5", "--time"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("median"))
        #expect(r.stdout.contains("exp("))
    }
}

@Suite("mish-math series")
struct SeriesCommandTests {
    @Test("JSON coefficients are exact fractions whose partial sum approaches mish(1/2); the radius is certified")
    func maclaurinJSON() throws {
        let r = try CLI.run(["series", "--order", "60", "--format", "json", "--digits", "25"])
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["exact"] as? Bool == true)
        let cs = try #require(o["coefficients"] as? [String]).map { Rational($0)! }
        #expect(cs.count == 60)
        var sum = Rational(0)
        for c in cs.reversed() { sum = sum * Rational(1, 2) + c }
        let exact = BigFloat(Rational(1, 2), precision: 300).mish()
        // (1/2)/R ≈ 0.21 per term: 60 terms leave far less than 10^-30.
        #expect(Accuracy.agreeingDigits(BigFloat(sum, precision: 300), exact) > 30)
        let radius = try #require(o["radius"] as? [String: Any])
        #expect(radius["certified"] as? Bool == true)
        #expect((radius["closed_form"] as? String)?.contains("log(2)") == true)
    }

    @Test("at +inf the region boundary is log(2)/2, certified")
    func plusInfinity() throws {
        let r = try CLI.run(["series", "--at", "+inf", "--order", "8", "--format", "json"])
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let region = try #require(o["region"] as? [String: Any])
        let half = (BigFloat.ln2(precision: 200) / BigFloat(2, precision: 2)).decimalString(significantDigits: 30)
        #expect(region["boundary"] as? String == half)
        #expect(region["certified"] as? Bool == true)
        #expect((o["polynomials"] as? [[String]])?.count == 8)
    }

    @Test("bad requests are refused with the reason", arguments: [
        (["series", "--order", "0"], 64, "between 1 and 5000"),
        (["series", "--order", "100000"], 64, "between 1 and 5000"),
        (["series", "--at", "banana"], 64, "--at must be"),
        (["series", "gelu(x)", "--at", "+inf"], 1, "exp-rational"),
        (["series", "1/x"], 1, "pole"),
        (["series", "log(x)"], 1, ""),
    ] as [([String], Int32, String)])
    func refused(_ arguments: [String], _ status: Int32, _ mention: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == status, "\(arguments): \(r.stderr)")
        #expect(mention.isEmpty || r.stderr.contains(mention), "\(arguments): \(r.stderr)")
    }
}

@Suite("mish-math minimum, critical-points, properties")
struct AnalysisCommandTests {
    @Test("minimum --format json has the documented keys, a certified global minimum, and enclosures around the digits")
    func minimumJSON() throws {
        let r = try CLI.run(["minimum", "--digits", "40", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["x", "value", "x_enclosure", "value_enclosure", "global", "global_reason", "digits", "method", "certificate"] {
            #expect(json.keys.contains(key), "missing key \(key)")
        }
        #expect(json["global"] as? Bool == true)
        let x = try #require(json["x"] as? String)
        let enclosure = try #require(json["x_enclosure"] as? [String])
        let lo = try #require(BigFloat(enclosure[0], precision: 300)), hi = try #require(BigFloat(enclosure[1], precision: 300))
        let xv = try #require(BigFloat(x, precision: 300))
        #expect(x.hasPrefix("-1.1924312145"))
        #expect((hi - lo).magnitude < BigFloat(1e-40) && (xv - lo).magnitude < BigFloat(1e-39))
    }

    @Test("no minimum: exit status 4 with the reason; a bad --digits is a usage error")
    func noMinimumAndBadDigits() throws {
        let softplus = try CLI.run(["minimum", "softplus(x)"])
        #expect(softplus.status == 4 && softplus.stderr.contains("not attained"))
        let cubic = try CLI.run(["minimum", "x^3 + x"])
        #expect(cubic.status == 4)
        let tooMany = try CLI.run(["minimum", "--digits", "2000000"])
        #expect(tooMany.status == 64 && tooMany.stderr.contains("--digits"))
    }

    @Test("a minimum whose tails cannot be settled is printed but not claimed global (exit 3); gelu's is certified")
    func uncertifiedGlobal() throws {
        // g ~ (2x³/300)·e^(−x²/3) on the tails: the Gaussian enclosure leaves x³ and x unbounded together.
        let r = try CLI.run(["minimum", "gelu(x) - x^2*exp(-x^2/3)/100", "--digits", "15"])
        #expect(r.status == 3)
        #expect(r.stdout.contains("global: not certified") && r.stderr.contains("not certified global"))
        let gelu = try CLI.run(["minimum", "gelu(x)", "--digits", "15"])
        #expect(gelu.status == 0 && gelu.stdout.contains("global: certified") && gelu.stdout.contains("Gaussian-tail"))
        let table = try CLI.run(["properties", "gelu(x)", "--format", "json"])
        #expect(table.status == 0 && !table.stdout.contains("not established"))
    }

    @Test("critical-points lists the extrema and inflection points of mish and the gradient bounds")
    func criticalPoints() throws {
        let r = try CLI.run(["critical-points", "--digits", "12", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let lists = try #require(json["derivatives"] as? [[String: Any]])
        #expect(lists.map { ($0["zeros"] as? [Any])?.count ?? -1 } == [1, 2, 3])
        let bounds = try #require(json["gradient_bounds"] as? [String: Any])
        #expect((bounds["lower"] as? String)?.hasPrefix("-0.1125") == true)
        #expect((bounds["upper"] as? String)?.hasPrefix("1.0884") == true)
        let bad = try CLI.run(["critical-points", "--range", "5,1"])
        #expect(bad.status == 64 && bad.stderr.contains("--range"))
    }

    @Test("properties --format markdown prints a row per function and how each cell was found")
    func propertiesMarkdown() throws {
        let r = try CLI.run(["properties", "tanh(x)", "sigmoid(x)", "--format", "markdown"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("| `tanh(x)` |") && r.stdout.contains("| `sigmoid(x)` |"))
        #expect(r.stdout.contains("How each cell was established"))
    }
}

@Suite("mish-math codegen")
struct CodegenCommandTests {
    @Test("prints the header and source with the regeneration command; --out writes the files")
    func printsAndWrites() throws {
        let r = try CLI.run(["codegen", "--target", "c", "--kernel", "backward", "--dtype", "f32"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("/* ==== mish_backward_f32.h ==== */") && r.stdout.contains("/* ==== mish_backward_f32.c ==== */"))
        #expect(r.stdout.contains("Regenerate with: mish-math codegen --target c --kernel backward --dtype f32"))
        #expect(r.stdout.contains("void mish_backward_f32(const float *restrict x, const float *restrict dy, float *restrict dx, size_t n)"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("codegen-\(UUID().uuidString)").path
        let w = try CLI.run(["codegen", "swish(x)", "--target", "cuda", "--kernel", "fused", "--dtype", "bf16", "--out", dir])
        #expect(w.status == 0)
        let cu = try String(contentsOfFile: dir + "/swish_fused_bf16.cu", encoding: .utf8)
        #expect(cu.contains("__nv_bfloat16") && cu.contains("cudaStream_t stream"))
    }

    @Test("refusals: outside the exp-rational class in the exact tiers (1, naming the fast tier), f64 in the correctly-rounded tier and bad names (64)")
    func refusals() throws {
        let gelu = try CLI.run(["codegen", "gelu(x)"])
        #expect(gelu.status == 1 && gelu.stderr.contains("exp-rational") && gelu.stderr.contains("--accuracy fast"))
        let f64 = try CLI.run(["codegen", "--dtype", "f64", "--accuracy", "correctly-rounded"])
        #expect(f64.status == 64 && f64.stderr.contains("f64") && f64.stderr.contains("faithful"))
        let name = try CLI.run(["codegen", "--name", "9lives"])
        #expect(name.status == 64 && name.stderr.contains("--name"))
    }

    @Test("faithful f64: double-double, its measured error in the header, verify finds every sampled result within 1 ulp")
    func faithfulDouble() throws {
        let r = try CLI.run(["codegen", "--target", "c", "--kernel", "forward", "--dtype", "f64"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("accuracy tier: faithful (f64 computed in double-double") && r.stdout.contains("mish_scale_pow2("))
        #expect(r.stdout.contains("measured max error: y max 0.5 ulp"))
        let v = try CLI.run(["verify", "--kernel", "backward", "--dtype", "f64", "--accuracy", "faithful", "--samples", "20000",
                             "--random-dy", "5000", "--format", "json"])
        #expect(v.status == 0, "\(v.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(v.stdout.utf8)) as! [String: Any]
        for result in json["results"] as! [[String: Any]] {
            #expect((result["max_error"] as! Double) <= 0.5 + 0x1p-20 && (result["over_one_ulp"] as! Int) == 0)
            #expect((result["decided_by_mpfr"] as! Int) < (result["checked"] as! Int) / 10, "the double-double reference decides most inputs")
        }
    }

    @Test("the fast tier: binary32 arithmetic, its bound measured into the header, and verify reports the same maximum")
    func fastTier() throws {
        let r = try CLI.run(["codegen", "--target", "c", "--kernel", "forward", "--dtype", "f16", "--accuracy", "fast"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("fmaf(") && r.stdout.contains("static inline float mish_expf_mantissa(float a)"))
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("measured max error: y max ") })
        let claimed = try #require(Double(line.components(separatedBy: "y max ")[1].split(separator: " ")[0]))
        let (v, report) = try VerifyCommandTests.report(["--dtype", "f16", "--accuracy", "fast"])
        #expect(v.status == 0, "\(v.stderr)")
        let measured = try #require(report?.results.first?.maxError)
        #expect(abs(measured - claimed) <= 0.0005 * max(1, claimed), "header \(claimed), verify \(measured)")
        let f64 = try CLI.run(["codegen", "--target", "cuda", "--kernel", "backward", "--dtype", "f64", "--accuracy", "fast"])
        #expect(f64.status == 0 && f64.stdout.contains("__fma_rn(") && f64.stdout.contains("measured max error: dx (dy = 1) max"), "\(f64.stderr)")
    }

    @Test("the fast tier outside the exp-rational class: gelu's backward kernel calls the math library (erfc, exp), states its certified limits and its measured bound, and verify drives the same kernel")
    func mathLibraryKernels() throws {
        let r = try CLI.run(["codegen", "gelu(x)", "--target", "c", "--kernel", "backward", "--dtype", "bf16", "--accuracy", "fast"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("erfc(") && r.stdout.contains("exp(") && !r.stdout.contains("_exp_mantissa"))
        #expect(r.stdout.contains("outside the exp-rational class") && r.stdout.contains("x = -inf: its limit -0.0 (certified)"))
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("measured max error: dx (dy = 1) max ") })
        let claimed = try #require(Double(line.components(separatedBy: "dx (dy = 1) max ")[1].split(separator: " ")[0]))
        #expect(claimed <= 0.5 + 1e-9, "\(line)")
        let (v, report) = try VerifyCommandTests.report(["softplus(x)", "--kernel", "forward", "--dtype", "bf16", "--accuracy", "fast"])
        #expect(v.status == 0, "\(v.stderr)")
        #expect((report?.results.first?.maxError ?? .infinity) <= 0.5 + 1e-9)
        let cuda = try CLI.run(["codegen", "logsigmoid(x)", "--target", "cuda", "--kernel", "fused", "--dtype", "bf16", "--accuracy", "fast"])
        #expect(cuda.status == 0 && cuda.stdout.contains("log1p(") && cuda.stdout.contains("__global__"), "\(cuda.stderr)")
    }
}

@Suite("mish-math verify")
struct VerifyCommandTests {
    struct Report: Decodable {
        struct Result: Decodable {
            struct Case: Decodable { let x: Double; let error: Double; let output: Double }
            let checked: UInt64
            let planned: UInt64
            let incorrectlyRounded: UInt64
            let maxError: Double
            let worst: [Case]
            let specialValues: [Case]
            let interrupted: Bool
        }
        let results: [Result]
    }

    static func report(_ arguments: [String]) throws -> (CLI.Result, Report?) {
        let r = try CLI.run(["verify"] + arguments + ["--format", "json"])
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (r, try? decoder.decode(Report.self, from: Data(r.stdout.utf8)))
    }

    @Test("generated f16 and bf16 kernels: every one of the 65 536 inputs correctly rounded, forward, f′ and fused",
          arguments: ["f16", "bf16"], ["forward", "backward", "fused"])
    func halfKernelsExhaustive(dtype: String, kernel: String) throws {
        let (r, report) = try VerifyCommandTests.report(["--dtype", dtype, "--kernel", kernel, "--random-dy", "65536"])
        #expect(r.status == 0, "\(r.stderr)")
        let results = try #require(report).results
        #expect(results.count == (kernel == "forward" ? 1 : 2))
        for (i, result) in results.enumerated() {
            #expect(result.incorrectlyRounded == 0)
            #expect(result.maxError <= 0.5)
            // The random-dy sweep adds dy = ±0, ±∞, NaN at eight x.
            #expect(result.specialValues.count == (kernel == "backward" && i == 1 ? 13 + 40 : 13))
        }
        #expect(results[0].checked == 65536)
    }

    @Test("generated f32 kernels: two million random bit patterns (every binade) correctly rounded", arguments: ["forward", "backward"])
    func f32Slice(kernel: String) throws {
        let (r, report) = try VerifyCommandTests.report(["--kernel", kernel, "--samples", "2000000", "--random-dy", "100000"])
        #expect(r.status == 0, "\(r.stderr)")
        for result in try #require(report).results {
            #expect(result.checked == result.planned)
            #expect(result.incorrectlyRounded == 0)
        }
    }

    @Test("your own C: the naive libm formula's errors are measured, the worst one agrees with an independent MPFR value")
    func naiveFormula() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("naive.c")
        try "#include <math.h>\nfloat naive(float x) { return x * tanhf(log1pf(expf(x))); }\n".write(to: file, atomically: true, encoding: .utf8)
        let (r, report) = try VerifyCommandTests.report(["--c-source", file.path, "--symbol", "naive", "--range", "-104,-100"])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try #require(report?.results.first)
        #expect(result.incorrectlyRounded > 0 && result.maxError > 1)
        let worst = try #require(result.worst.first)
        let exact = Expr.mish.evaluate(at: BigFloat(worst.x, precision: 300), precision: 300)
        #expect(abs(Accuracy.ulpError(Float(worst.output), exact: exact) - worst.error) < 1e-6 * worst.error)
        #expect(result.worst.allSatisfy { $0.error <= worst.error })
    }

    @Test("f64: your own double function, sampled with the adversarial sets")
    func f64Sampled() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("mish64.c")
        try "#include <math.h>\ndouble mish64(double x) { return x * tanh(log1p(exp(x))); }\n".write(to: file, atomically: true, encoding: .utf8)
        let (r, report) = try VerifyCommandTests.report(["--c-source", file.path, "--symbol", "mish64", "--dtype", "f64", "--samples", "2000"])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try #require(report?.results.first)
        #expect(result.checked > 2000 + 1601 * 5)
        #expect(result.maxError > 0.5)
    }

    @Test("bad requests: clear errors and exit statuses")
    func badRequests() throws {
        #expect(try CLI.run(["verify", "--c-source", "x.c"]).status == 64)
        #expect(try CLI.run(["verify", "--dtype", "f64", "--accuracy", "correctly-rounded"]).status == 64)
        #expect(try CLI.run(["verify", "--dtype", "f64", "--exhaustive"]).status == 64)
        #expect(try CLI.run(["verify", "--range", "3,1"]).status == 64)
        #expect(try CLI.run(["verify", "--kernel", "backward", "--c-source", "x.c", "--symbol", "f", "--signature", "scalar"]).status == 64)
        let missing = try CLI.run(["verify", "--c-source", "/nonexistent/k.c", "--symbol", "f"])
        #expect(missing.status == 1 && missing.stderr.contains("cannot read"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("k.c")
        try "float g(float x) { return x; }\n".write(to: file, atomically: true, encoding: .utf8)
        let absent = try CLI.run(["verify", "--c-source", file.path, "--symbol", "f", "--dtype", "bf16"])
        #expect(absent.status == 1 && absent.stderr.contains("no external function f"))
        try "float g(float x) { return x }\n".write(to: file, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["verify", "--c-source", file.path, "--symbol", "g", "--dtype", "bf16"])
        #expect(broken.status == 1 && broken.stderr.contains("C compiler failed"))
    }

    @Test("Ctrl-C stops an exhaustive sweep and reports what was checked")
    func interrupted() throws {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["verify", "--format", "json"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The first progress line (after 2 s of sweeping) says the sweep is under way.
        var seen = ""
        while !seen.contains("verify f:") {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        process.interrupt()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let result = try #require(try decoder.decode(Report.self, from: data).results.first)
        #expect(result.interrupted && result.checked > 0 && result.checked < result.planned)
    }
}
