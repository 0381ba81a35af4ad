// Photos as the server takes them and a phone's data plan likes them: a camera's 4000 px, 5 MB picture becomes a JPEG of at
// most 1600 px on the long side before it is queued; small JPEG/PNG/WebP files pass untouched.

/** The long side a photo is scaled down to. */
export const MAX_SIDE = 1600;
/** Files above this size are re-encoded even when small enough in pixels. */
const MAX_BYTES = 1_500_000;
const SERVER_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** The size a picture is drawn at: the long side at most `max`, the aspect kept. */
export function fitWithin(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const k = max / long;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

function toJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/jpeg', 0.85));
}

/** A picked photo ready for the queue: scaled down and re-encoded when needed. Throws when the browser cannot read it. */
export async function preparePhoto(file: File): Promise<{ blob: Blob; name: string }> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const fine = size.width === bitmap.width && file.size <= MAX_BYTES && SERVER_TYPES.includes(file.type);
    if (fine) return { blob: file, name: file.name || 'photo' };
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, size.width, size.height);
    const base = (file.name || 'photo').replace(/\.[^.]*$/, '');
    return { blob: await toJpeg(canvas), name: `${base}.jpg` };
  } finally {
    bitmap.close();
  }
}
