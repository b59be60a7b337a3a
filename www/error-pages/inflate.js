// A small synchronous inflate (raw deflate, RFC 1951), after zlib's puff.c: the error page's
// inline script inflates the visitor's language with it before the first paint, which the
// browser's DecompressionStream (asynchronous) cannot do. Input is the page's own build output;
// a malformed stream ends early or yields garbage text, never a hang (every loop is bounded by
// the input or by the lengths it declares).
//
// No imports: tools/build.mjs inlines it into the page's first script.

function inflate(source) {
  let at = 0;
  let bit = 0;
  const out = [];
  const bits = (n) => {
    let value = 0;
    for (let i = 0; i < n; i += 1) {
      value |= ((source[at] >> bit) & 1) << i;
      if (++bit === 8) { bit = 0; at += 1; }
    }
    return value;
  };
  // A canonical Huffman code from code lengths: [count per length, symbols by code].
  const code = (lengths) => {
    const counts = Array(16).fill(0);
    const offsets = [0, 0];
    const symbols = [];
    for (const length of lengths) counts[length] += 1;
    for (let length = 1; length < 15; length += 1) offsets[length + 1] = offsets[length] + counts[length];
    lengths.forEach((length, symbol) => { if (length) symbols[offsets[length]++] = symbol; });
    return [counts, symbols];
  };
  const decode = ([counts, symbols]) => {
    let value = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length < 16; length += 1) {
      value |= bits(1);
      if (value - first < counts[length]) return symbols[index + value - first];
      index += counts[length];
      first = (first + counts[length]) << 1;
      value <<= 1;
    }
    return 256; // not a code: end the block
  };
  const lengthBase = [];
  const lengthExtra = [];
  const distanceBase = [];
  const distanceExtra = [];
  for (let i = 0, base = 3; i < 29; i += 1) {
    lengthExtra[i] = i < 8 || i === 28 ? 0 : (i >> 2) - 1;
    lengthBase[i] = i === 28 ? 258 : base;
    base += 1 << lengthExtra[i];
  }
  for (let i = 0, base = 1; i < 30; i += 1) {
    distanceExtra[i] = i < 4 ? 0 : (i >> 1) - 1;
    distanceBase[i] = base;
    base += 1 << distanceExtra[i];
  }
  let last = 0;
  while (!last && at < source.length) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      if (bit) { bit = 0; at += 1; }
      const length = source[at] | (source[at + 1] << 8);
      at += 4;
      out.push(...source.subarray(at, at + length));
      at += length;
      continue;
    }
    let literals;
    let distances;
    if (type === 1) {
      literals = code(Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)));
      distances = code(Array(30).fill(5));
    } else {
      const nLiterals = bits(5) + 257;
      const nDistances = bits(5) + 1;
      const nCodes = bits(4) + 4;
      const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
      const codeLengths = Array(19).fill(0);
      for (let i = 0; i < nCodes; i += 1) codeLengths[order[i]] = bits(3);
      const lengthCode = code(codeLengths);
      const lengths = [];
      while (lengths.length < nLiterals + nDistances && at < source.length) {
        const symbol = decode(lengthCode);
        if (symbol < 16) { lengths.push(symbol); continue; }
        const value = symbol === 16 ? lengths.at(-1) ?? 0 : 0;
        let repeat = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7);
        while (repeat--) lengths.push(value);
      }
      literals = code(lengths.slice(0, nLiterals));
      distances = code(lengths.slice(nLiterals, nLiterals + nDistances));
    }
    for (let symbol = decode(literals); symbol !== 256 && at < source.length; symbol = decode(literals)) {
      if (symbol < 256) { out.push(symbol); continue; }
      let length = lengthBase[symbol - 257] + bits(lengthExtra[symbol - 257]);
      const d = decode(distances);
      const distance = distanceBase[d] + bits(distanceExtra[d]);
      while (length--) out.push(out[out.length - distance]);
    }
  }
  return new Uint8Array(out);
}
