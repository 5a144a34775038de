// national_duckdb.mjs - bench/national.sh's DuckDB side: load the CSV rows exported from the
// onroll store into an in-memory DuckDB (@duckdb/node-api), then run the benchmark's two
// queries warm (once to warm up, then the best of RUNS) and write their answers as CSV.
// usage: node bench/national_duckdb.mjs CSVDIR Q1.sql Q2.sql OUTDIR [RUNS [THREADS]]
// prints: load_ms=.. q1_ms=.. q2_ms=.. version=.. threads=..
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

const [csvDir, q1Path, q2Path, outDir, runsArg, threadsArg] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node bench/national_duckdb.mjs CSVDIR Q1.sql Q2.sql OUTDIR [RUNS [THREADS]]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const threads = String(threadsArg ?? 2);

// The columns the queries read, typed as the store declares them.
const tables = {
  schools: { urn: 'INTEGER', la_code: 'INTEGER', phase: 'VARCHAR' },
  pupil_snapshots: {
    id: 'BIGINT', upn: 'VARCHAR', as_of: 'DATE', ethnicity: 'VARCHAR', fsm: 'INTEGER',
    sen: 'VARCHAR',
  },
  enrolments: {
    upn: 'VARCHAR', urn: 'INTEGER', start_date: 'DATE', end_date: 'DATE', reg_type: 'VARCHAR',
  },
  events: {
    id: 'BIGINT', event_id: 'VARCHAR', upn: 'VARCHAR', urn: 'INTEGER', type: 'VARCHAR',
    start_date: 'DATE', sessions: 'INTEGER', ref: 'VARCHAR', rule: 'VARCHAR', outcome: 'VARCHAR',
  },
};

const instance = await DuckDBInstance.create(':memory:', { threads });
const conn = await instance.connect();

let t0 = performance.now();
for (const [name, cols] of Object.entries(tables)) {
  const spec = Object.entries(cols).map(([c, t]) => `'${c}': '${t}'`).join(', ');
  await conn.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${csvDir}/${name}.csv', ` +
                 `header = true, columns = {${spec}})`);
}
const load = performance.now() - t0;

async function best(sql) {
  let rows = (await conn.runAndReadAll(sql)).getRows(); // warm-up
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    rows = (await conn.runAndReadAll(sql)).getRows();
    b = Math.min(b, performance.now() - t);
  }
  return [b, rows];
}

const csv = (rows) => rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n';
const [q1, rows1] = await best(readFileSync(q1Path, 'utf8'));
const [q2, rows2] = await best(readFileSync(q2Path, 'utf8'));
writeFileSync(`${outDir}/q1.duckdb.csv`, csv(rows1));
writeFileSync(`${outDir}/q2.duckdb.csv`, csv(rows2));
const version = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
console.log(`load_ms=${load.toFixed(0)} q1_ms=${q1.toFixed(2)} q2_ms=${q2.toFixed(2)} ` +
            `version=${version} threads=${threads}`);
