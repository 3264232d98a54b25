import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatTime, locationLabel, parseMoney, parseTime, visibleRange } from './format';
import { setLanguage, translate } from './i18n.svelte';

describe('Danish formats', () => {
  it('formats money as 1.234,50 kr.', () => {
    expect(formatMoney(123450)).toBe('1.234,50 kr.');
    expect(formatMoney(5)).toBe('0,05 kr.');
    expect(formatMoney(-100000000)).toBe('-1.000.000,00 kr.');
  });
  it('reads amounts as Danes write them', () => {
    expect(parseMoney('1.234,50')).toBe(123450);
    expect(parseMoney('150')).toBe(15000);
    expect(parseMoney('150,5 kr.')).toBe(15050);
    expect(parseMoney('12.50')).toBe(1250);
    expect(parseMoney('abc')).toBeNull();
    expect(parseMoney('')).toBeNull();
  });
  it('formats dates as dd.mm.yyyy', () => {
    expect(formatDate('2026-11-22')).toBe('22.11.2026');
    expect(formatDate(null)).toBe('');
  });
});

describe('virtual list', () => {
  it('renders only the rows in view, plus a margin', () => {
    expect(visibleRange(0, 600, 30, 5000)).toEqual({ first: 0, last: 28 });
    const mid = visibleRange(30000, 600, 30, 5000);
    expect(mid.last - mid.first).toBeLessThan(40);
    expect(visibleRange(149_400, 600, 30, 5000).last).toBe(5000);
  });
});

describe('i18n', () => {
  it('has every Danish key in English too', async () => {
    await setLanguage('en');
    expect(translate('da', 'nav.members')).toBe('Medlemmer');
    expect(translate('en', 'nav.members')).toBe('Members');
    expect(translate('da', 'fin.bank.apply', { n: 1 })).toBe('Importér 1 ny postering');
    expect(translate('da', 'fin.bank.apply', { n: 2 })).toBe('Importér 2 nye posteringer');
    expect(translate('da', 'fin.bank.apply', { n: 0 })).toBe('Importér 0 nye posteringer');
    expect(translate('da', 'count.progress', { n: 1, of: 1 })).toBe('1 af 1 stemmeseddel');
    expect(translate('en', 'fin.count', { n: 1, sum: '5,00' })).toBe('1 booking · total 5,00');
    await setLanguage('da');
  });
});

describe('Danish date input', () => {
  it('reads what a Dane types', async () => {
    const { parseDanishDate } = await import('./format');
    expect(parseDanishDate('22.11.2026')).toBe('2026-11-22');
    expect(parseDanishDate('1-2-2025')).toBe('2025-02-01');
    expect(parseDanishDate('2025-02-01')).toBe('2025-02-01');
    expect(parseDanishDate('')).toBeNull();
    expect(parseDanishDate('31.02.2025')).toBeUndefined();
    expect(parseDanishDate('i går')).toBeUndefined();
  });
});

describe('times', () => {
  it('reads Danish clock times', () => {
    expect(parseTime('19.00')).toBe('19:00:00');
    expect(parseTime('9')).toBe('09:00:00');
    expect(parseTime(' 14:30 ')).toBe('14:30:00');
    expect(parseTime('')).toBeNull();
    expect(parseTime('25.00')).toBeUndefined();
    expect(parseTime('kl. 7')).toBeUndefined();
    expect(formatTime('14:30:00')).toBe('14.30');
  });
});

describe('counts in UI sentences', () => {
  it('groups thousands as the language does, but never a year or a number that names', () => {
    expect(translate('da', 'fin.bank.apply', { n: 1000 })).toBe('Importér 1.000 nye posteringer');
    expect(translate('en', 'fin.bank.apply', { n: 1000 })).toBe('Import 1,000 new bookings');
    expect(translate('da', 'fin.bank.apply', { n: 999 })).toBe('Importér 999 nye posteringer');
    expect(translate('da', 'fin.visits.title', { year: 2026 })).toBe('Besøg 2026');
  });
});

describe('database locations as the user reads them', () => {
  it('shows a server without the path of its saved certificate', () => {
    expect(locationLabel('postgres://k@db.perronen.dk:5432/forening?sslrootcert=%2Fhome%2Fk%2Fc.pem', 'eget certifikat')).toBe('postgres://k@db.perronen.dk:5432/forening (eget certifikat)');
    expect(locationLabel('postgres://k@db.perronen.dk/forening', 'x')).toBe('postgres://k@db.perronen.dk/forening');
    expect(locationLabel('/home/k/Perronen?.sqlite', 'x')).toBe('/home/k/Perronen?.sqlite');
  });
});
