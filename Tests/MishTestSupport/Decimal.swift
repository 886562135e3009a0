/// Decimal digit strings as published: rounding a truncated expansion to fewer digits.
public enum DecimalText {
    /// The first `count` digits of `digits` (a string of decimal digits, truncated expansion of a number
    /// whose next digits are unknown) rounded half up; the result may carry into one more digit.
    public static func roundedPrefix(_ digits: String, count: Int) -> String {
        var d = Array(digits.utf8).map { Int($0) - 48 }
        precondition(d.count > count, "need at least one digit beyond the prefix")
        let roundUp = d[count] >= 5
        d = Array(d[0..<count])
        if roundUp {
            var i = count - 1
            while i >= 0 {
                if d[i] == 9 { d[i] = 0; i -= 1 } else { d[i] += 1; break }
            }
            if i < 0 { d.insert(1, at: 0) }
        }
        return String(d.map { Character(String($0)) })
    }
}
