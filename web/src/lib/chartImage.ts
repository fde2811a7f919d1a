// A chart on the page as a PNG file to put on a slide or into a report: the chart's SVG (ECharts
// draws with its SVG renderer, components/EChart.tsx) drawn on a white canvas at twice its size,
// under a title line and above a source line, then saved under a file name. Nothing leaves the
// browser; the server's CSP allows the blob: image this needs (img-src 'self' data: blob:).

const SVG_NS = 'http://www.w3.org/2000/svg';
const SCALE = 2;
const TITLE_PX = 16;
const NOTE_PX = 12;
const PAD = 16;
const FONT = '"Noto Sans", "Segoe UI", system-ui, sans-serif';

/** The words around the chart in the image. */
export interface ImageText {
  title: string;
  /** A line under the chart (the data's month and source); optional. */
  note?: string;
}

/** Draws `svg` with its title and note into a PNG blob. */
export async function svgToPng(svg: SVGSVGElement, text: ImageText): Promise<Blob> {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const source = new XMLSerializer().serializeToString(copy);
  const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const top = PAD + TITLE_PX + PAD / 2;
    const bottom = text.note ? PAD / 2 + NOTE_PX + PAD : PAD;
    const canvas = document.createElement('canvas');
    canvas.width = (width + 2 * PAD) * SCALE;
    canvas.height = (top + height + bottom) * SCALE;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('canvas 2d context unavailable');
    context.scale(SCALE, SCALE);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width + 2 * PAD, top + height + bottom);
    context.fillStyle = '#0b3a66';
    context.font = `700 ${TITLE_PX}px ${FONT}`;
    context.textBaseline = 'top';
    context.fillText(text.title, PAD, PAD, width);
    context.drawImage(image, PAD, top, width, height);
    if (text.note) {
      context.fillStyle = '#4b5868';
      context.font = `${NOTE_PX}px ${FONT}`;
      context.fillText(text.note, PAD, top + height + PAD / 2, width);
    }
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas gave no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers `blob` as a download named `fileName` (a click on a temporary link). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the link; the address may go once the browser holds the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
