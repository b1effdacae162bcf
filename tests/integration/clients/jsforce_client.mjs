// Drives `apexrun serve` with jsforce as a Node application would: OAuth
// password sign-in, identity, describe, records one at a time and 150 at
// once, queries with child records and paged past 2,000 rows, errors,
// anonymous Apex and Apex REST. Writes what each call answered (or the
// error it threw) to a JSON file that jsforce_test.sh checks.
import { writeFileSync } from 'node:fs';
import jsforce from 'jsforce';

const [loginUrl, clientId, clientSecret, username, password, out] = process.argv.slice(2);
const results = {};

// Runs one step; keeps its answer, or the error's name and message.
async function step(name, call) {
  try {
    results[name] = { ok: await call() };
  } catch (error) {
    results[name] = { error: { name: error.name, errorCode: error.errorCode, message: error.message } };
  }
}

const conn = new jsforce.Connection({ oauth2: { loginUrl, clientId, clientSecret }, version: '62.0' });
await step('login', () => conn.login(username, password));
await step('identity', () => conn.identity());
await step('describeGlobal', async () => (await conn.describeGlobal()).sobjects.map((s) => s.name));
await step('describe', async () => {
  const d = await conn.sobject('Account').describe();
  return { name: d.name, fields: d.fields.map((f) => f.name) };
});
await step('create', () => conn.sobject('Account').create({ Name: 'Jsforce Co', Industry: 'Retail' }));
const id = results.create.ok?.id;
await step('retrieve', () => conn.sobject('Account').retrieve(id));
await step('update', () => conn.sobject('Account').update({ Id: id, Industry: 'Banking' }));
await step('retrieveUpdated', () => conn.sobject('Account').retrieve(id));
await step('createMany', () =>
  conn.sobject('Contact').create(
    Array.from({ length: 150 }, (_, i) => ({ LastName: `Bulk ${i}`, AccountId: id })),
    { allOrNone: true }));
await step('createRefused', () => conn.sobject('Account').create({ Industry: 'No Name' }));
await step('query', async () => {
  const r = await conn.query(`SELECT Id, Name, (SELECT LastName FROM Contacts) FROM Account WHERE Id = '${id}'`);
  return { totalSize: r.totalSize, name: r.records[0].Name, contacts: r.records[0].Contacts.totalSize };
});
await step('badQuery', () => conn.query('SELECT Nope FROM Account'));
await step('executeAnonymous', () => conn.tooling.executeAnonymous("insert new Account(Name = 'From Anonymous');"));
await step('apexRest', () => conn.apex.get('/Accounts/'));
await step('apexRestPost', () => conn.apex.post('/Accounts/', { AccountNumber: 'JS-1', AccountName: 'Jsforce Intake' }));
await step('manyLeads', () => conn.tooling.executeAnonymous(
  "List<Lead> leads = new List<Lead>(); for (Integer i = 0; i < 2100; i++) leads.add(new Lead(LastName = 'L' + i, Company = 'C')); insert leads;"));
await step('queryPaged', async () => {
  const first = await conn.query('SELECT Id, LastName FROM Lead');
  const rest = await conn.queryMore(first.nextRecordsUrl);
  return { totalSize: first.totalSize, first: first.records.length, done: first.done, rest: rest.records.length, restDone: rest.done };
});
await step('queryAutoFetch', async () => {
  const records = [];
  await new Promise((resolve, reject) => {
    conn.query('SELECT Id FROM Lead').on('record', (r) => records.push(r.Id)).on('end', resolve).on('error', reject)
      .run({ autoFetch: true, maxFetch: 5000 });
  });
  return { count: records.length, distinct: new Set(records).size };
});
await step('destroy', () => conn.sobject('Account').destroy(id));
await step('retrieveDeleted', () => conn.sobject('Account').retrieve(id));
writeFileSync(out, JSON.stringify(results, null, 2));
