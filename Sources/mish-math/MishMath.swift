import ArgumentParser

@main
struct MishMath: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mish-math",
        abstract: "The mathematics of the Mish activation function, exact and to any precision.",
        discussion: """
        Every printed number is either exact or carries a stated, verified error; a number that cannot be \
        certified is labelled as such.

        Exit status: 0 success; 1 the value is undefined or cannot be computed; 3 a value was printed but \
        its last digit (or a global claim) is not certified; 4 there is no minimum (unbounded below, \
        infimum not attained, no critical point); 64 bad command-line usage; 65 a malformed expression.
        """,
        version: "0.1.0",
        subcommands: [Derive.self, Eval.self, Series.self, Minimum.self, CriticalPoints.self, Properties.self, Codegen.self, Verify.self, Report.self],
        defaultSubcommand: Report.self
    )
}
