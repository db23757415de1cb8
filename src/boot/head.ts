import { objectOfPath, read, type FirstRows } from './firstRows';
import { pictureSaver, showPicture } from './pagePicture';

/**
 * The page's head script (inlined by vite.config.ts, so it runs while the app's code downloads):
 * on a records page it reads the first rows (firstRows.ts) and shows the page's saved picture if
 * it still matches them (pagePicture.ts); on every page it lets the app save a picture.
 */
window.localflowPictures = pictureSaver;

const object = window.top === window.self ? objectOfPath(location.pathname) : null;
if (object) {
  let counted: ((total: number) => void) | undefined;
  const paint = (rows: FirstRows) => {
    try {
      counted = showPicture(rows);
    } catch {
      // No picture then (an error here would abort the read the app's table starts from).
    }
  };
  window.localflowFirstRowsRead = read(object, paint).then((value) => {
    if (value) counted?.(value.total);
    return (window.localflowFirstRows = value);
  });
  // A table writes amounts (currency fields) with Intl, and a page's first Intl number format
  // costs it 30–40 ms (its data loads; later ones, any language or currency, well under 1 ms):
  // made now, while the app's code is still loading, instead of in the table's first render.
  setTimeout(() => new Intl.NumberFormat().format(1234.5));
}
