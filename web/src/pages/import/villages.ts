// The districts and villages of one regency for the village picker of the upload step, read from
// the Kemendagri list the server also uses (npm idn-area-data, the same version). The CSVs are
// emitted as static assets and fetched only when someone uploads a village's list (villages.csv
// is 2.8 MB for all of Indonesia; a server route returning one regency's villages would cut that
// to a few KB). parseRegencyVillages is pure (unit-tested); loadRegencyVillages caches.

import districtsUrl from 'idn-area-data/data/districts.csv?url';
import villagesUrl from 'idn-area-data/data/villages.csv?url';

export interface Village {
  code: string; // "35.14.01.2001"
  name: string;
}

export interface District {
  code: string; // "35.14.01"
  name: string;
  villages: Village[];
}

/** One CSV line's fields (RFC 4180 quotes: "Soka""an", "Lubuk Pakam I,II"). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

/**
 * The regency's districts (from districts.csv: code,regency_code,name) with their villages (from
 * villages.csv: code,district_code,name), both sorted by name. Lines of other regencies are
 * skipped by their code prefix before being split, so that all of Indonesia parses quickly.
 */
export function parseRegencyVillages(districtsCsv: string, villagesCsv: string, regencyCode: string): District[] {
  const prefix = `${regencyCode}.`;
  const districts = new Map<string, District>();
  for (const line of districtsCsv.split(/\r?\n/)) {
    if (!line.startsWith(prefix)) continue;
    const [code, , name] = splitCsvLine(line);
    if (code && name) districts.set(code, { code, name, villages: [] });
  }
  for (const line of villagesCsv.split(/\r?\n/)) {
    if (!line.startsWith(prefix)) continue;
    const [code, districtCode, name] = splitCsvLine(line);
    const district = districts.get(districtCode);
    if (district && code && name) district.villages.push({ code, name });
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'id');
  const result = [...districts.values()].sort(byName);
  for (const d of result) d.villages.sort(byName);
  return result;
}

let files: Promise<[string, string]> | null = null;

export async function loadRegencyVillages(regencyCode: string): Promise<District[]> {
  const text = (url: string) =>
    fetch(url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.text();
    });
  files ??= Promise.all([text(districtsUrl), text(villagesUrl)]);
  try {
    const [districtsCsv, villagesCsv] = await files;
    return parseRegencyVillages(districtsCsv, villagesCsv, regencyCode);
  } catch (error) {
    files = null; // try again next time
    throw error;
  }
}
