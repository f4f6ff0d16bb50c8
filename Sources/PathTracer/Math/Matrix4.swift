/// A 4x4 matrix of `Float`, stored row by row, used with column vectors
/// (`m * v`, so the translation sits in the last column).
///
/// ```swift
/// let m = Matrix4(rows: [1, 0, 0, 5],
///                       [0, 1, 0, 0],
///                       [0, 0, 1, 0],
///                       [0, 0, 0, 1])   // translate by (5, 0, 0)
/// ```
///
/// Every operation is a fixed number of arithmetic operations; nothing allocates.
public struct Matrix4: Sendable, Equatable, BitwiseCopyable {
  public var row0: SIMD4<Float>
  public var row1: SIMD4<Float>
  public var row2: SIMD4<Float>
  public var row3: SIMD4<Float>

  /// A matrix from its four rows.
  public init(rows row0: SIMD4<Float>, _ row1: SIMD4<Float>,
              _ row2: SIMD4<Float>, _ row3: SIMD4<Float>) {
    self.row0 = row0
    self.row1 = row1
    self.row2 = row2
    self.row3 = row3
  }

  /// A matrix from 16 numbers in row-major order (the order a scene file writes
  /// them in), or `nil` if there are not exactly 16.
  public init?(rowMajor elements: [Float]) {
    guard elements.count == 16 else { return nil }
    self.init(rows: SIMD4(elements[0], elements[1], elements[2], elements[3]),
              SIMD4(elements[4], elements[5], elements[6], elements[7]),
              SIMD4(elements[8], elements[9], elements[10], elements[11]),
              SIMD4(elements[12], elements[13], elements[14], elements[15]))
  }

  /// The identity matrix.
  public static let identity = Matrix4(rows: SIMD4(1, 0, 0, 0), SIMD4(0, 1, 0, 0),
                                       SIMD4(0, 0, 1, 0), SIMD4(0, 0, 0, 1))

  /// Row `i` (0...3). Traps for any other index.
  public func row(_ i: Int) -> SIMD4<Float> {
    switch i {
    case 0: return row0
    case 1: return row1
    case 2: return row2
    case 3: return row3
    default: requirementFailed("Matrix4 row index \(i) out of range")
    }
  }

  /// The element at `row`, `column` (both 0...3).
  public subscript(row: Int, column: Int) -> Float {
    get { self.row(row)[column] }
    set {
      switch row {
      case 0: row0[column] = newValue
      case 1: row1[column] = newValue
      case 2: row2[column] = newValue
      case 3: row3[column] = newValue
      default: requirementFailed("Matrix4 row index \(row) out of range")
      }
    }
  }

  /// The transpose (rows become columns). 16 moves.
  public var transposed: Matrix4 {
    Matrix4(rows: SIMD4(row0.x, row1.x, row2.x, row3.x),
            SIMD4(row0.y, row1.y, row2.y, row3.y),
            SIMD4(row0.z, row1.z, row2.z, row3.z),
            SIMD4(row0.w, row1.w, row2.w, row3.w))
  }

  /// The matrix product `a * b`: applied to a column vector, `b` acts first.
  /// 64 multiply-adds.
  public static func * (a: Matrix4, b: Matrix4) -> Matrix4 {
    // Row i of the product is the combination of b's rows weighted by row i of a.
    @inline(__always)
    func combine(_ r: SIMD4<Float>) -> SIMD4<Float> {
      r.x * b.row0 + r.y * b.row1 + r.z * b.row2 + r.w * b.row3
    }
    return Matrix4(rows: combine(a.row0), combine(a.row1), combine(a.row2), combine(a.row3))
  }

  /// The matrix times the column vector `v`.
  public static func * (m: Matrix4, v: SIMD4<Float>) -> SIMD4<Float> {
    SIMD4((m.row0 * v).sum(), (m.row1 * v).sum(), (m.row2 * v).sum(), (m.row3 * v).sum())
  }

  /// True when every entry is a finite number (no infinity, no NaN).
  public var isFinite: Bool {
    (0..<4).allSatisfy { i in
      let r = row(i)
      return r.x.isFinite && r.y.isFinite && r.z.isFinite && r.w.isFinite
    }
  }

  /// The determinant of the upper-left 3x3 block (the linear part of an affine map).
  /// Negative when the map mirrors space.
  public var linearDeterminant: Float {
    let a = SIMD3(row0.x, row0.y, row0.z)
    let b = SIMD3(row1.x, row1.y, row1.z)
    let c = SIMD3(row2.x, row2.y, row2.z)
    return dot(a, cross(b, c))
  }

  /// The inverse, or `nil` if the matrix is singular (or so close to singular
  /// that the inverse does not fit in a `Float`).
  ///
  /// Gauss-Jordan elimination with partial pivoting, carried out in `Double` so
  /// that composing many transforms does not drift. About 200 floating-point
  /// operations on the stack; called once per transform, never per ray.
  public var inverse: Matrix4? {
    // Augmented rows [M | I]: lanes 0...3 hold M, lanes 4...7 the identity.
    var rows = InlineArray<4, SIMD8<Double>>(repeating: .zero)
    for i in 0..<4 {
      let r = row(i)
      rows[i] = SIMD8(Double(r.x), Double(r.y), Double(r.z), Double(r.w), 0, 0, 0, 0)
      rows[i][4 + i] = 1
    }
    for column in 0..<4 {
      // Choose the largest pivot in this column, for stability.
      var pivotRow = column
      for r in (column + 1)..<4 where abs(rows[r][column]) > abs(rows[pivotRow][column]) {
        pivotRow = r
      }
      let pivot = rows[pivotRow][column]
      if pivot == 0 { return nil }
      let pivotValues = rows[pivotRow] / pivot
      rows[pivotRow] = rows[column]
      rows[column] = pivotValues
      for r in 0..<4 where r != column {
        rows[r] -= rows[r][column] * pivotValues
      }
    }
    var result = Matrix4.identity
    for i in 0..<4 {
      for j in 0..<4 {
        let value = Float(rows[i][4 + j])
        guard value.isFinite else { return nil }
        result[i, j] = value
      }
    }
    return result
  }
}
