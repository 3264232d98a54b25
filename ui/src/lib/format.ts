// Money and dates the Danish way: 1.234,50 kr. and 22.11.2026.

/** øre → "1.234,50 kr." */
export function formatMoney(ore: number): string {
  const neg = ore < 0;
  const abs = Math.abs(Math.trunc(ore));
  const kr = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const o = (abs % 100).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${kr},${o} kr.`;
}

/** "1.234,50", "1234,5", "150" → øre; null when it is not an amount. */
export function parseMoney(input: string): number | null {
  let s = input.trim().replace(/\s|kr\.?$/g, '');
  if (!s) return null;
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  let int = s;
  let frac = '';
  if (s.includes(',')) {
    [int, frac] = [s.slice(0, s.lastIndexOf(',')).replace(/\./g, ''), s.slice(s.lastIndexOf(',') + 1)];
  } else if (/^\d+\.\d{1,2}$/.test(s)) {
    [int, frac] = s.split('.');
  } else {
    int = s.replace(/\./g, '');
  }
  if (!/^\d*$/.test(int) || !/^\d{0,2}$/.test(frac) || (int === '' && frac === '')) return null;
  const ore = Number(int || '0') * 100 + Number(frac.padEnd(2, '0') || '0');
  return neg ? -ore : ore;
}

/** ISO "2026-11-22" → "22.11.2026" */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** The rows a virtual list renders: a window around the scroll position. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last };
}

/** "22.11.2026", "22-11-2026", "2026-11-22" → ISO; null when empty; undefined when not a date. */
export function parseDanishDate(input: string): string | null | undefined {
  const s = input.trim();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let [y, mo, d] = m ? [m[1], m[2], m[3]] : ['', '', ''];
  if (!m) {
    m = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(s);
    if (!m) return undefined;
    [d, mo, y] = [m[1], m[2], m[3]];
  }
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) {
    return undefined;
  }
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** "19.00", "19:00", "9" → "19:00:00" (as the backend's NaiveTime); null when empty; undefined when not a time. */
export function parseTime(input: string): string | null | undefined {
  const s = input.trim();
  if (!s) return null;
  const m = /^(\d{1,2})(?:[.:](\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:00`;
}

/** "19:00:00" → "19.00" */
export function formatTime(t: string | null | undefined): string {
  if (!t) return '';
  const m = /^(\d{2}):(\d{2})/.exec(t);
  return m ? `${m[1]}.${m[2]}` : t;
}

/**
 * A database location as the user reads it: a server's address without its query (the
 * saved certificate it names is said in words instead). The location itself stays the key
 * the recent list opens.
 */
export function locationLabel(location: string, ownCertificate: string): string {
  if (!location.startsWith('postgres')) return location;
  const [address, query] = location.split('?', 2);
  return query && /(^|&)sslrootcert=/.test(query) ? `${address} (${ownCertificate})` : address;
}
