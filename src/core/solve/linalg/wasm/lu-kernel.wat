;; The numeric kernels of the sparse LU (sparse-lu-numeric.ts) in WebAssembly: the same
;; operations in the same order as the TypeScript loops, so the factors and solutions are
;; bit-identical (WebAssembly has no fused multiply-add and rounds every f64 operation as JS
;; does). Built into lu-kernel-binary.ts by scripts/build-wasm.ts; lu-kernel.ts loads it.
;;
;; Every pointer is a byte offset into the imported memory. Index arrays are i32; colX, pB and
;; qB hold absolute byte addresses (of x, of b), computed when a program is loaded, so the inner
;; loops do one load for an address instead of a load, a shift and an add.
(module
  (import "env" "memory" (memory 1))

  ;; eliminate(): run an elimination program on c·I − J (see `run` in sparse-lu-numeric.ts).
  ;; Returns -1 when done, else the pivot k that failed.
  (func (export "eliminate")
    (param $n i32) (param $jacLen i32) (param $jacPos i32) (param $cPos i32) (param $diagPos i32)
    (param $rowStart i32) (param $lStart i32) (param $lPos i32) (param $targetStart i32)
    (param $targets i32) (param $v i32) (param $nnz i32) (param $c f64) (param $jac i32)
    (param $check i32)
    (result i32)
    (local $q i32) (local $a i32) (local $k i32) (local $dk i32) (local $pivot f64) (local $e i32)
    (local $e0 i32) (local $e1 i32) (local $amax f64) (local $x f64) (local $inv f64) (local $u0 i32)
    (local $ulen i32) (local $pik i32) (local $lik f64) (local $t i32) (local $tEnd i32) (local $u i32)
    ;; v.fill(0); v[jacPos[q]] -= jac[q]; v[cPos[k]] += c
    (memory.fill (local.get $v) (i32.const 0)
      (i32.shl (i32.add (local.get $nnz) (local.get $n)) (i32.const 3)))
    (local.set $q (i32.const 0))
    (block $b (loop $l
      (br_if $b (i32.ge_s (local.get $q) (local.get $jacLen)))
      (local.set $a (i32.add (local.get $v)
        (i32.shl (i32.load (i32.add (local.get $jacPos) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 3))))
      (f64.store (local.get $a) (f64.sub (f64.load (local.get $a))
        (f64.load (i32.add (local.get $jac) (i32.shl (local.get $q) (i32.const 3))))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $l)))
    (local.set $k (i32.const 0))
    (block $b (loop $l
      (br_if $b (i32.ge_s (local.get $k) (local.get $n)))
      (local.set $a (i32.add (local.get $v)
        (i32.shl (i32.load (i32.add (local.get $cPos) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3))))
      (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $c)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l)))
    ;; right-looking elimination, pivot by pivot
    (local.set $k (i32.const 0))
    (block $done (loop $lk
      (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
      (local.set $dk (i32.load (i32.add (local.get $diagPos) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $pivot (f64.load (i32.add (local.get $v) (i32.shl (local.get $dk) (i32.const 3)))))
      (local.set $e0 (i32.load (i32.add (local.get $lStart) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $e1 (i32.load (i32.add (local.get $lStart)
        (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2)))))
      (if (local.get $check) (then
        ;; threshold test: |pivot| ≥ τ·max |l_ik| (τ = PIVOT_THRESHOLD = 1e-3; a NaN fails it)
        (local.set $amax (f64.const 0))
        (local.set $e (local.get $e0))
        (block $b (loop $l
          (br_if $b (i32.ge_s (local.get $e) (local.get $e1)))
          (local.set $x (f64.abs (f64.load (i32.add (local.get $v)
            (i32.shl (i32.load (i32.add (local.get $lPos) (i32.shl (local.get $e) (i32.const 2)))) (i32.const 3))))))
          (if (i32.eqz (f64.le (local.get $x) (local.get $amax))) (then (local.set $amax (local.get $x))))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (br $l)))
        (if (i32.eqz (f64.ge (f64.abs (local.get $pivot)) (f64.mul (f64.const 0.001) (local.get $amax))))
          (then (return (local.get $k))))))
      ;; a zero or non-finite pivot (x − x ≠ 0 for ±∞ and NaN)
      (if (f64.eq (local.get $pivot) (f64.const 0)) (then (return (local.get $k))))
      (if (f64.ne (f64.sub (local.get $pivot) (local.get $pivot)) (f64.const 0)) (then (return (local.get $k))))
      (local.set $inv (f64.div (f64.const 1) (local.get $pivot)))
      (f64.store (i32.add (local.get $v) (i32.shl (i32.add (local.get $nnz) (local.get $k)) (i32.const 3)))
        (local.get $inv))
      (local.set $u0 (i32.add (local.get $dk) (i32.const 1)))
      (local.set $ulen (i32.sub (i32.load (i32.add (local.get $rowStart)
        (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2)))) (local.get $u0)))
      (local.set $e (local.get $e0))
      (block $b (loop $l
        (br_if $b (i32.ge_s (local.get $e) (local.get $e1)))
        (local.set $pik (i32.add (local.get $v)
          (i32.shl (i32.load (i32.add (local.get $lPos) (i32.shl (local.get $e) (i32.const 2)))) (i32.const 3))))
        (local.set $lik (f64.mul (f64.load (local.get $pik)) (local.get $inv)))
        (f64.store (local.get $pik) (local.get $lik))
        (if (f64.ne (local.get $lik) (f64.const 0)) (then
          (local.set $t (i32.add (local.get $targets) (i32.shl (i32.load (i32.add (local.get $targetStart)
            (i32.shl (local.get $e) (i32.const 2)))) (i32.const 2))))
          (local.set $tEnd (i32.add (local.get $t) (i32.shl (local.get $ulen) (i32.const 2))))
          (local.set $u (i32.add (local.get $v) (i32.shl (local.get $u0) (i32.const 3))))
          (block $b2 (loop $l2
            (br_if $b2 (i32.ge_u (local.get $t) (local.get $tEnd)))
            (local.set $a (i32.add (local.get $v) (i32.shl (i32.load (local.get $t)) (i32.const 3))))
            (f64.store (local.get $a) (f64.sub (f64.load (local.get $a))
              (f64.mul (local.get $lik) (f64.load (local.get $u)))))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (local.set $u (i32.add (local.get $u) (i32.const 8)))
            (br $l2)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $l)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $lk)))
    (i32.const -1))

  ;; solve(): b ← (P L U Qᵀ)⁻¹ b with the factors in v (see luSolve): x[k] = b[P[k]], forward
  ;; and back substitution by rows on x, b[Q[k]] = x[k]. pB[k] = &b[P[k]], qB[k] = &b[Q[k]],
  ;; colX[p] = &x[col[p]]; invd = &v[nnz] (the inverse pivots).
  (func (export "solve")
    (param $n i32) (param $pB i32) (param $qB i32) (param $rowStart i32) (param $diagPos i32)
    (param $colX i32) (param $v i32) (param $invd i32) (param $x i32)
    (local $i i32) (local $s f64) (local $p i32) (local $e i32) (local $xi i32)
    (local.set $i (i32.const 0))
    (block $b (loop $l
      (br_if $b (i32.ge_s (local.get $i) (local.get $n)))
      (f64.store (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))
        (f64.load (i32.load (i32.add (local.get $pB) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.set $i (i32.const 0))
    (block $b (loop $l
      (br_if $b (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $xi (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $s (f64.load (local.get $xi)))
      (local.set $p (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $e (i32.load (i32.add (local.get $diagPos) (i32.shl (local.get $i) (i32.const 2)))))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_s (local.get $p) (local.get $e)))
        (local.set $s (f64.sub (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $v) (i32.shl (local.get $p) (i32.const 3))))
                   (f64.load (i32.load (i32.add (local.get $colX) (i32.shl (local.get $p) (i32.const 2))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l2)))
      (f64.store (local.get $xi) (local.get $s))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.set $i (i32.sub (local.get $n) (i32.const 1)))
    (block $b (loop $l
      (br_if $b (i32.lt_s (local.get $i) (i32.const 0)))
      (local.set $xi (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $s (f64.load (local.get $xi)))
      (local.set $p (i32.add (i32.load (i32.add (local.get $diagPos) (i32.shl (local.get $i) (i32.const 2))))
        (i32.const 1)))
      (local.set $e (i32.load (i32.add (local.get $rowStart)
        (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_s (local.get $p) (local.get $e)))
        (local.set $s (f64.sub (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $v) (i32.shl (local.get $p) (i32.const 3))))
                   (f64.load (i32.load (i32.add (local.get $colX) (i32.shl (local.get $p) (i32.const 2))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l2)))
      (f64.store (local.get $xi)
        (f64.mul (local.get $s) (f64.load (i32.add (local.get $invd) (i32.shl (local.get $i) (i32.const 3))))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $l)))
    (local.set $i (i32.const 0))
    (block $b (loop $l
      (br_if $b (i32.ge_s (local.get $i) (local.get $n)))
      (f64.store (i32.load (i32.add (local.get $qB) (i32.shl (local.get $i) (i32.const 2))))
        (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
  )
  ;; solveMany(): `count` right-hand sides at once (see luSolveMany): B holds them one after
  ;; another (B[c·n + i]); they are gathered into X interleaved (X[k·count + c], k in pivot
  ;; order), so that every factor entry updates a contiguous run of count values, then scattered
  ;; back. The addresses in pB, qB, colX decode to indices through the slot's b and x bases.
  (func (export "solveMany")
    (param $n i32) (param $count i32) (param $pB i32) (param $qB i32) (param $bBase i32)
    (param $rowStart i32) (param $diagPos i32) (param $colX i32) (param $xBase i32)
    (param $v i32) (param $invd i32) (param $B i32) (param $X i32)
    (local $i i32) (local $c i32) (local $p i32) (local $e i32) (local $row i32) (local $src i32)
    (local $dst i32) (local $jb i32) (local $l f64) (local $stride i32) (local $end i32)
    (local.set $stride (i32.shl (local.get $count) (i32.const 3)))
    ;; gather: X[k·count + c] = B[c·n + P[k]]
    (local.set $i (i32.const 0))
    (block $b (loop $l0
      (br_if $b (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $src (i32.add (local.get $B) (i32.sub
        (i32.load (i32.add (local.get $pB) (i32.shl (local.get $i) (i32.const 2)))) (local.get $bBase))))
      (local.set $row (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $stride))))
      (local.set $c (i32.const 0))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_s (local.get $c) (local.get $count)))
        (f64.store (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))
          (f64.load (i32.add (local.get $src) (i32.shl (i32.mul (local.get $c) (local.get $n)) (i32.const 3)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $l2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l0)))
    ;; forward substitution
    (local.set $i (i32.const 0))
    (block $b (loop $l0
      (br_if $b (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $row (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $stride))))
      (local.set $end (i32.add (local.get $row) (local.get $stride)))
      (local.set $p (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $e (i32.load (i32.add (local.get $diagPos) (i32.shl (local.get $i) (i32.const 2)))))
      (block $b1 (loop $l1
        (br_if $b1 (i32.ge_s (local.get $p) (local.get $e)))
        (local.set $l (f64.load (i32.add (local.get $v) (i32.shl (local.get $p) (i32.const 3)))))
        (if (f64.ne (local.get $l) (f64.const 0)) (then
          ;; jb = &X[col[p]·count]
          (local.set $jb (i32.add (local.get $X) (i32.mul (i32.shr_u (i32.sub
            (i32.load (i32.add (local.get $colX) (i32.shl (local.get $p) (i32.const 2)))) (local.get $xBase))
            (i32.const 3)) (local.get $stride))))
          (local.set $dst (local.get $row))
          (block $b2 (loop $l2
            (br_if $b2 (i32.ge_u (local.get $dst) (local.get $end)))
            (f64.store (local.get $dst) (f64.sub (f64.load (local.get $dst))
              (f64.mul (local.get $l) (f64.load (local.get $jb)))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
            (local.set $jb (i32.add (local.get $jb) (i32.const 8)))
            (br $l2)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l0)))
    ;; back substitution, then the inverse pivot
    (local.set $i (i32.sub (local.get $n) (i32.const 1)))
    (block $b (loop $l0
      (br_if $b (i32.lt_s (local.get $i) (i32.const 0)))
      (local.set $row (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $stride))))
      (local.set $end (i32.add (local.get $row) (local.get $stride)))
      (local.set $p (i32.add (i32.load (i32.add (local.get $diagPos) (i32.shl (local.get $i) (i32.const 2))))
        (i32.const 1)))
      (local.set $e (i32.load (i32.add (local.get $rowStart)
        (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
      (block $b1 (loop $l1
        (br_if $b1 (i32.ge_s (local.get $p) (local.get $e)))
        (local.set $l (f64.load (i32.add (local.get $v) (i32.shl (local.get $p) (i32.const 3)))))
        (if (f64.ne (local.get $l) (f64.const 0)) (then
          (local.set $jb (i32.add (local.get $X) (i32.mul (i32.shr_u (i32.sub
            (i32.load (i32.add (local.get $colX) (i32.shl (local.get $p) (i32.const 2)))) (local.get $xBase))
            (i32.const 3)) (local.get $stride))))
          (local.set $dst (local.get $row))
          (block $b2 (loop $l2
            (br_if $b2 (i32.ge_u (local.get $dst) (local.get $end)))
            (f64.store (local.get $dst) (f64.sub (f64.load (local.get $dst))
              (f64.mul (local.get $l) (f64.load (local.get $jb)))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
            (local.set $jb (i32.add (local.get $jb) (i32.const 8)))
            (br $l2)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l1)))
      (local.set $l (f64.load (i32.add (local.get $invd) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $dst (local.get $row))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_u (local.get $dst) (local.get $end)))
        (f64.store (local.get $dst) (f64.mul (f64.load (local.get $dst)) (local.get $l)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
        (br $l2)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $l0)))
    ;; scatter: B[c·n + Q[k]] = X[k·count + c]
    (local.set $i (i32.const 0))
    (block $b (loop $l0
      (br_if $b (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $dst (i32.add (local.get $B) (i32.sub
        (i32.load (i32.add (local.get $qB) (i32.shl (local.get $i) (i32.const 2)))) (local.get $bBase))))
      (local.set $row (i32.add (local.get $X) (i32.mul (local.get $i) (local.get $stride))))
      (local.set $c (i32.const 0))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_s (local.get $c) (local.get $count)))
        (f64.store (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $c) (local.get $n)) (i32.const 3)))
          (f64.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $l2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l0)))
  )
)
