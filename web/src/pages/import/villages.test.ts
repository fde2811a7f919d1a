import districtsCsv from 'idn-area-data/data/districts.csv?raw';
import villagesCsv from 'idn-area-data/data/villages.csv?raw';
import { describe, expect, it } from 'vitest';
import { parseRegencyVillages, splitCsvLine } from './villages';

describe('splitCsvLine', () => {
  it.each([
    ['35.14.01.2001,35.14.01,Gerbo', ['35.14.01.2001', '35.14.01', 'Gerbo']],
    ['12.07.28.1007,12.07.28,"Lubuk Pakam I,II"', ['12.07.28.1007', '12.07.28', 'Lubuk Pakam I,II']],
    ['35.13.15.2017,35.13.15,"Soka""an"', ['35.13.15.2017', '35.13.15', 'Soka"an']],
    ['a,,c', ['a', '', 'c']],
  ])('%s', (line, fields) => expect(splitCsvLine(line)).toEqual(fields));
});

describe('parseRegencyVillages', () => {
  const districts = 'code,regency_code,name\n35.14.02,35.14,Tutur\n35.14.01,35.14,Purwodadi\n35.15.01,35.15,Tarik\n';
  const villages =
    'code,district_code,name\n35.14.01.2002,35.14.01,Dawuhansengon\n35.14.01.2001,35.14.01,Gerbo\n' +
    '35.14.02.2001,35.14.02,Ngadirejo\n35.15.01.2001,35.15.01,Kedinding\n35.14.09.2001,35.14.09,Orphan\n';

  it('keeps only the regency, districts and villages sorted by name', () => {
    expect(parseRegencyVillages(districts, villages, '35.14')).toEqual([
      {
        code: '35.14.01',
        name: 'Purwodadi',
        villages: [
          { code: '35.14.01.2002', name: 'Dawuhansengon' },
          { code: '35.14.01.2001', name: 'Gerbo' },
        ],
      },
      { code: '35.14.02', name: 'Tutur', villages: [{ code: '35.14.02.2001', name: 'Ngadirejo' }] },
    ]);
  });

  it('does not take 35.1 for 35.14', () => {
    expect(parseRegencyVillages(districts, villages, '35.1')).toEqual([]);
  });

  it('reads the real Kemendagri list: Kabupaten Pasuruan has 24 districts and 365 villages', () => {
    const result = parseRegencyVillages(districtsCsv, villagesCsv, '35.14');
    const countLines = (csv: string) => csv.split('\n').filter((l) => l.startsWith('35.14.')).length;
    expect(result.length).toBe(countLines(districtsCsv));
    expect(result.length).toBe(24);
    expect(result.reduce((n, d) => n + d.villages.length, 0)).toBe(countLines(villagesCsv));
    expect(countLines(villagesCsv)).toBe(365);
    expect(result.find((d) => d.code === '35.14.01')?.villages.some((v) => v.name === 'Gerbo')).toBe(true);
  });
});
