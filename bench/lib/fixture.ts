import SQLite from 'better-sqlite3';
import type { Keyring } from '../../src/server/lib/crypto.ts';
import { sealIdNumber, sealPhone } from '../../src/server/lib/pii.ts';
import { Dice, rng, idNumber, mobile, birthDate, personName } from '../../src/server/modules/demo/demo-city.ts';

/** What the fixture built, for picking query targets. */
export interface BigRegistry {
  communities: { id: string; code: string; path: string }[];
  streets: { id: string; code: string; path: string }[];
  compoundIds: string[];
  /** A sample of (ID number, compound path) pairs for lookups. */
  sampleIds: { idNumber: string; path: string }[];
  residents: number;
}

const HT = ['commodity', 'reformed', 'public', 'affordable', 'cooperative'];
const PM = ['market', 'community_run', 'self_managed', 'soe_backstop'];

/**
 * Writes a registry of `compoundsTotal` compounds with `residentsPerCompound` residents each straight into a migrated SQLite file,
 * with real encryption and blind indexes, in one transaction per county. Raw SQL on purpose: it is a benchmark fixture, not app code.
 */
export function buildBigRegistry(file: string, keys: Keyring, opts = { counties: 4, streetsPerCounty: 10, communitiesPerStreet: 10, compoundsPerCommunity: 50, householdsPerCompound: 20, residentsPerCompound: 50 }): BigRegistry {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const d = new Dice(rng(42));
  const now = '2026-11-26T00:00:00.000Z';
  const out: BigRegistry = { communities: [], streets: [], compoundIds: [], sampleIds: [], residents: 0 };
  const insRegion = db.prepare('INSERT INTO region (id, code, name, level, parent_id, scope_path, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)');
  const insCompound = db.prepare(`INSERT INTO compound (id, community_id, scope_path, name, address, housing_type, build_year, building_count, household_count, floor_area,
    enclosed, fee_collection_rate, renovation_year, property_mode, lat, lng, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insBuilding = db.prepare('INSERT INTO building (id, compound_id, scope_path, name, floors, units, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)');
  const insHousehold = db.prepare('INSERT INTO household (id, compound_id, building_id, scope_path, unit, room, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)');
  const insResident = db.prepare(`INSERT INTO resident (id, household_id, compound_id, scope_path, name, gender, birth_date, id_number_enc, id_number_bidx, id_number_mask,
    phone_enc, phone_bidx, phone_mask, political_status, relation, has_protected_tags, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insOrg = db.prepare('INSERT INTO org (id, type, name, compound_id, scope_path, founded_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)');
  const insPairing = db.prepare('INSERT INTO pairing (id, kind, partner_kind, partner_name, target_compound_id, scope_path, start_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)');
  const insDoc = db.prepare('INSERT INTO compound_document (id, compound_id, scope_path, kind, title, adopted_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)');
  const cityId = d.uuid();
  insRegion.run(cityId, '515100', '基准市', 'city', null, '/515100/', now, now);
  const seen = new Set<string>();
  for (let c = 1; c <= opts.counties; c++) {
    const countyCode = `5151${String(c + 1).padStart(2, '0')}`;
    const countyId = d.uuid();
    const countyPath = `/515100/${countyCode}/`;
    db.transaction(() => {
      insRegion.run(countyId, countyCode, `基准区${c}`, 'county', cityId, countyPath, now, now);
      for (let s = 1; s <= opts.streetsPerCounty; s++) {
        const streetCode = countyCode + String(s).padStart(3, '0');
        const streetId = d.uuid();
        const streetPath = `${countyPath}${streetCode}/`;
        insRegion.run(streetId, streetCode, `街道${c}-${s}`, 'street', countyId, streetPath, now, now);
        out.streets.push({ id: streetId, code: streetCode, path: streetPath });
        for (let m = 1; m <= opts.communitiesPerStreet; m++) {
          const commCode = streetCode + String(m).padStart(3, '0');
          const commId = d.uuid();
          const commPath = `${streetPath}${commCode}/`;
          insRegion.run(commId, commCode, `社区${c}-${s}-${m}`, 'community', streetId, commPath, now, now);
          out.communities.push({ id: commId, code: commCode, path: commPath });
          for (let k = 0; k < opts.compoundsPerCommunity; k++) {
            const cid = d.uuid();
            const cpath = `${commPath}${cid}/`;
            out.compoundIds.push(cid);
            insCompound.run(cid, commId, cpath, `小区${c}-${s}-${m}-${k}`, `某路${k}号`, HT[k % 5], 1975 + (k % 30), 4, opts.householdsPerCompound, 8000 + k * 10,
              k % 2, 0.6 + (k % 4) / 10, 2022 + (k % 2), PM[k % 4], 30.8 + d.next() / 10, 106.1 + d.next() / 10, now, now);
            insOrg.run(d.uuid(), 'branch', `小区${k}党支部`, cid, cpath, '2022-05-01', now, now);
            if (k % 5 !== 0) insOrg.run(d.uuid(), 'volunteer_team', `志愿服务队${k}`, cid, cpath, '2022-06-01', now, now);
            if (k % 4 !== 0) insPairing.run(d.uuid(), 'contact_unit', 'unit', '某局机关党支部', cid, cpath, '2023-01-01', now, now);
            if (k % 3 !== 0) insPairing.run(d.uuid(), 'responsible_leader', 'leader', personName(d), cid, cpath, '2023-01-01', now, now);
            if (k % 6 !== 0) insDoc.run(d.uuid(), cid, cpath, 'work_plan', '小区治理工作方案', '2023-03-01', now, now);
            const buildings = Array.from({ length: 4 }, (_, b) => {
              const bid = d.uuid();
              insBuilding.run(bid, cid, cpath, `${b + 1}幢`, 6, 2, now, now);
              return bid;
            });
            let placed = 0;
            for (let h = 0; h < opts.householdsPerCompound; h++) {
              const hid = d.uuid();
              insHousehold.run(hid, cid, buildings[h % 4], cpath, String((h % 2) + 1), `${Math.floor(h / 2) + 1}0${(h % 2) + 1}`, 'resident', now, now);
              const size = h === opts.householdsPerCompound - 1 ? opts.residentsPerCompound - placed : Math.min(opts.residentsPerCompound - placed, h % 2 === 0 ? 3 : 2);
              for (let r = 0; r < size; r++) {
                const gender = d.chance(0.5) ? 'male' : 'female';
                const birth = birthDate(d, 2026, 1, 90);
                let idn = idNumber(d, countyCode, birth, gender);
                while (seen.has(idn)) idn = idNumber(d, countyCode, birth, gender);
                seen.add(idn);
                const phone = mobile(d);
                const sid = sealIdNumber(keys, idn);
                const sph = sealPhone(keys, phone);
                insResident.run(d.uuid(), hid, cid, cpath, personName(d), gender, birth, sid.enc, sid.bidx, sid.mask, sph.enc, sph.bidx, sph.mask,
                  d.chance(0.12) ? '01' : '13', r === 0 ? '01' : '10', 0, now, now);
                out.residents++;
                if (out.residents % 997 === 0) out.sampleIds.push({ idNumber: idn, path: cpath });
              }
              placed += size;
            }
          }
        }
      }
    })();
    seen.clear();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return out;
}
