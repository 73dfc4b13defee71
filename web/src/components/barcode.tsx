// A Code 128 (code set B) barcode as SVG, for shipping labels: printable
// ASCII only (tracking numbers are). Each symbol is 11 modules wide, bars
// and spaces alternating from a bar; the stop symbol is 13.

// The 107 symbol patterns of the Code 128 specification (values 0-106), as
// hexadecimal bit strings: 1 = bar module, 0 = space module.
const kPatterns = (
  '6cc,66c,666,498,48c,44c,4c8,4c4,464,648,644,624,59c,4dc,4ce,5cc,4ec,4e6,672,65c,64e,6e4,674,' +
  '76e,74c,72c,726,764,734,732,6d8,6c6,636,518,458,446,588,468,462,688,628,622,5b8,58e,46e,5d8,' +
  '5c6,476,776,68e,62e,6e8,6e2,6ee,758,746,716,768,762,71a,77a,642,78a,530,50c,4b0,486,42c,426,' +
  '590,584,4d0,4c2,434,432,612,650,7ba,614,47a,53c,4bc,49e,5e4,4f4,4f2,7a4,794,792,6de,6f6,7b6,' +
  '578,51e,45e,5e8,5e2,7a8,7a2,5de,5ee,75e,7ae,684,690,69c,18eb'
)
  .split(',')
  .map((hex) => parseInt(hex, 16).toString(2));

const kStartB = 104;
const kStop = 106;
const kQuietModules = 10;

// The symbol values of `text` in code set B with its checksum, start and stop.
export function code128Values(text: string): number[] {
  const data = [...text].map((char) => {
    const code = char.charCodeAt(0);
    if (code < 32 || code > 126) throw new Error(`not printable ASCII: ${char}`);
    return code - 32;
  });
  const checksum = data.reduce((sum, value, index) => sum + value * (index + 1), kStartB) % 103;
  return [kStartB, ...data, checksum, kStop];
}

export function Barcode({ text, height = 60 }: { text: string; height?: number }) {
  const modules = code128Values(text)
    .map((value) => kPatterns[value])
    .join('');
  const width = modules.length + 2 * kQuietModules;
  const bars: { x: number; width: number }[] = [];
  for (let index = 0; index < modules.length; ) {
    if (modules[index] === '0') {
      index += 1;
      continue;
    }
    let end = index;
    while (end < modules.length && modules[end] === '1') end += 1;
    bars.push({ x: kQuietModules + index, width: end - index });
    index = end;
  }
  return (
    <svg class="barcode" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={text} data-modules={modules.length}>
      <rect width={width} height={height} fill="#fff" />
      {bars.map((bar) => (
        <rect key={bar.x} x={bar.x} width={bar.width} height={height} fill="#000" />
      ))}
    </svg>
  );
}
