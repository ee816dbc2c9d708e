import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BankIdError, httpBankIdClient } from './client.js';
import { qrData, qrSvg } from './qr.js';
import { readQrSvg } from './qr-reader.js';
import { type BankIdSimulator, startBankIdSimulator } from './simulator.js';

const ANNA = '198405129829';
const ERIK = '198209179830';

/** A simulator clock the test moves by hand. */
function clock(start = 1_770_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function post(sim: BankIdSimulator, path: string, body: unknown) {
  const res = await fetch(new URL(path, sim.appUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the animated QR code', () => {
  it('computes qrAuthCode as HMAC-SHA256(qrStartSecret, seconds) in the bankid.<token>.<time>.<code> form', () => {
    // The example in BankID's QR code guide.
    expect(qrData('67df3917-fa0d-44e5-b327-edcc928297f8', 'd28db9a7-4cde-429e-a983-359be676944c', 0)).toBe(
      'bankid.67df3917-fa0d-44e5-b327-edcc928297f8.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8',
    );
    expect(qrData('t', 's', 12.9)).toMatch(/^bankid\.t\.12\.[0-9a-f]{64}$/);
  });

  it('draws an SVG that reads back as the same text', () => {
    const text = qrData('67df3917-fa0d-44e5-b327-edcc928297f8', 'd28db9a7-4cde-429e-a983-359be676944c', 31);
    const svg = qrSvg(text);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(readQrSvg(svg)).toBe(text);
  });
});

describe('the RP client against the simulator', () => {
  let sim: BankIdSimulator;
  let time: ReturnType<typeof clock>;
  beforeEach(async () => {
    time = clock();
    sim = await startBankIdSimulator({
      now: time.now,
      people: [
        { personalNumber: ANNA, givenName: 'Anna', surname: 'Lindqvist' },
        { personalNumber: ERIK, givenName: 'Erik', surname: 'Lindqvist' },
      ],
    });
  });
  afterEach(async () => sim.close());

  it('starts an order, follows it while the app is opened by QR code, and collects the person', async () => {
    const bankid = httpBankIdClient({ url: sim.rpUrl });
    const order = await bankid.auth({ endUserIp: '192.0.2.7' });
    for (const k of ['orderRef', 'autoStartToken', 'qrStartToken', 'qrStartSecret'] as const) {
      expect(order[k]).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await bankid.collect(order.orderRef)).toEqual({
      orderRef: order.orderRef,
      status: 'pending',
      hintCode: 'outstandingTransaction',
    });
    time.advance(3_400);
    const scanned = await post(sim, '/sim/scan', {
      qr: qrData(order.qrStartToken, order.qrStartSecret, 3),
      personalNumber: ANNA,
    });
    expect(scanned.status).toBe(200);
    expect(await bankid.collect(order.orderRef)).toMatchObject({ status: 'pending', hintCode: 'userSign' });
    expect((await post(sim, `/sim/orders/${order.orderRef}/approve`, {})).status).toBe(200);
    const done = await bankid.collect(order.orderRef);
    expect(done.status).toBe('complete');
    expect(done.hintCode).toBeUndefined();
    expect(done.completionData?.user).toEqual({
      personalNumber: ANNA,
      name: 'Anna Lindqvist',
      givenName: 'Anna',
      surname: 'Lindqvist',
    });
    expect(done.completionData?.device.ipAddress).toBe('192.0.2.7');
  });

  it('checks the QR code like the app: the order’s secret, the second it was made for, once', async () => {
    const bankid = httpBankIdClient({ url: sim.rpUrl });
    const order = await bankid.auth({ endUserIp: '192.0.2.7' });
    time.advance(10_200); // second 10
    const tries = [
      qrData(order.qrStartToken, 'another secret', 10),
      qrData(order.qrStartToken, order.qrStartSecret, 5), // an old code (a photo of the screen)
      qrData(order.qrStartToken, order.qrStartSecret, 13), // from the future
      qrData('00000000-0000-0000-0000-000000000000', order.qrStartSecret, 10),
      'https://example.se/',
    ];
    for (const qr of tries) {
      const res = await post(sim, '/sim/scan', { qr, personalNumber: ANNA });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_qr');
    }
    expect(sim.scans.map((s) => s.reason)).toEqual([
      'wrong qrAuthCode',
      'the code is for second 5, the order is at second 10',
      'the code is for second 13, the order is at second 10',
      'no such order',
      'not a BankID QR code',
    ]);
    expect(
      (await post(sim, '/sim/scan', { qr: qrData(order.qrStartToken, order.qrStartSecret, 9), personalNumber: ANNA }))
        .status,
    ).toBe(200);
    const again = await post(sim, '/sim/scan', {
      qr: qrData(order.qrStartToken, order.qrStartSecret, 10),
      personalNumber: ERIK,
    });
    expect(again.body.reason).toBe('the order was already opened');
  });

  it('opens an order by its autostart token (BankID on this device)', async () => {
    const bankid = httpBankIdClient({ url: sim.rpUrl });
    const order = await bankid.auth({ endUserIp: '192.0.2.7' });
    expect(sim.launchUrl(order.autoStartToken)).toBe(`${sim.appUrl}app?autostarttoken=${order.autoStartToken}`);
    expect((await post(sim, '/sim/open', { autoStartToken: order.autoStartToken, personalNumber: ERIK })).status).toBe(
      200,
    );
    await post(sim, `/sim/orders/${order.orderRef}/approve`, {});
    expect((await bankid.collect(order.orderRef)).completionData?.user.personalNumber).toBe(ERIK);
  });

  it('fails an order nobody opens within 30 s with startFailed, and one not finished in 3 minutes with expiredTransaction', async () => {
    const bankid = httpBankIdClient({ url: sim.rpUrl });
    const unopened = await bankid.auth({ endUserIp: '192.0.2.7' });
    const slow = await bankid.auth({ endUserIp: '192.0.2.7' });
    await post(sim, '/sim/open', { autoStartToken: slow.autoStartToken, personalNumber: ANNA });
    time.advance(29_000);
    expect((await bankid.collect(unopened.orderRef)).status).toBe('pending');
    time.advance(1_000);
    expect(await bankid.collect(unopened.orderRef)).toMatchObject({ status: 'failed', hintCode: 'startFailed' });
    expect((await bankid.collect(slow.orderRef)).status).toBe('pending');
    time.advance(150_000);
    expect(await bankid.collect(slow.orderRef)).toMatchObject({ status: 'failed', hintCode: 'expiredTransaction' });
  });

  it('tells the tester’s choices apart: cancel (userCancel), expire, or any hint code', async () => {
    const bankid = httpBankIdClient({ url: sim.rpUrl });
    const outcomes: Record<string, string> = {};
    for (const [action, body] of [
      ['cancel', {}],
      ['expire', {}],
      ['fail', { hintCode: 'certificateErr' }],
      ['fail', { hintCode: 'somethingNew' }],
    ] as const) {
      const order = await bankid.auth({ endUserIp: '192.0.2.7' });
      expect((await post(sim, `/sim/orders/${order.orderRef}/${action}`, body)).status).toBe(200);
      const res = await bankid.collect(order.orderRef);
      outcomes[`${action}${'hintCode' in body ? `:${body.hintCode}` : ''}`] = `${res.status}/${res.hintCode}`;
    }
    expect(outcomes).toEqual({
      cancel: 'failed/userCancel',
      expire: 'failed/expiredTransaction',
      'fail:certificateErr': 'failed/certificateErr',
      'fail:somethingNew': 'failed/somethingNew',
    });
  });

  it('cancels a person’s open order when they open a new one (cancelled)', async () => {
    const bankid = httpBankIdClient({ url: sim.rpUrl });
    const first = await bankid.auth({ endUserIp: '192.0.2.7' });
    const second = await bankid.auth({ endUserIp: '192.0.2.8' });
    await post(sim, '/sim/open', { autoStartToken: first.autoStartToken, personalNumber: ANNA });
    await post(sim, '/sim/open', { autoStartToken: second.autoStartToken, personalNumber: ANNA });
    expect(await bankid.collect(first.orderRef)).toMatchObject({ status: 'failed', hintCode: 'cancelled' });
    expect(await bankid.collect(second.orderRef)).toMatchObject({ status: 'pending', hintCode: 'userSign' });
  });

  it('refuses an auth naming a person who has an order in progress with alreadyInProgress', async () => {
    const bankid = httpBankIdClient({ url: sim.rpUrl });
    await bankid.auth({ endUserIp: '192.0.2.7', requirement: { personalNumber: ANNA } });
    const refused = await bankid
      .auth({ endUserIp: '192.0.2.7', requirement: { personalNumber: ANNA } })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(BankIdError);
    expect(refused).toMatchObject({ errorCode: 'alreadyInProgress', httpStatus: 400 });
    // The simulator can also be told to refuse the next auth, whoever it is for.
    await post(sim, '/sim/next-error', { errorCode: 'maintenance' });
    await expect(bankid.auth({ endUserIp: '192.0.2.7' })).rejects.toMatchObject({
      errorCode: 'maintenance',
      httpStatus: 503,
    });
    await expect(bankid.auth({ endUserIp: '192.0.2.7' })).resolves.toHaveProperty('orderRef');
  });

  it('cancels an order: it is gone, and collecting it is refused', async () => {
    const bankid = httpBankIdClient({ url: sim.rpUrl });
    const order = await bankid.auth({ endUserIp: '192.0.2.7' });
    await bankid.cancel(order.orderRef);
    await expect(bankid.collect(order.orderRef)).rejects.toMatchObject({ errorCode: 'invalidParameters' });
    await expect(bankid.cancel(order.orderRef)).rejects.toBeInstanceOf(BankIdError);
    await expect(bankid.auth({ endUserIp: '' })).rejects.toMatchObject({ errorCode: 'invalidParameters' });
  });

  it('reports a server that does not answer as unreachable', async () => {
    await sim.close();
    const bankid = httpBankIdClient({ url: sim.rpUrl, timeoutMs: 2000 });
    await expect(bankid.auth({ endUserIp: '192.0.2.7' })).rejects.toMatchObject({ errorCode: 'unreachable' });
    sim = await startBankIdSimulator();
  });
});

/** A CA, a server certificate for 127.0.0.1, and a relying party certificate in PKCS#12, made with openssl. */
function makeCertificates(dir: string) {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Test BankID CA',
  );
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  );
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'rp.key', '-out', 'rp.csr', '-subj', '/CN=Skolhubben RP');
  run(
    'x509',
    '-req',
    '-in',
    'rp.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'rp.pem',
    '-days',
    '2',
  );
  run('pkcs12', '-export', '-inkey', 'rp.key', '-in', 'rp.pem', '-out', 'rp.p12', '-passout', 'pass:qwerty123');
  const read = (f: string) => readFileSync(join(dir, f));
  return { ca: read('ca.pem'), serverKey: read('server.key'), serverCert: read('server.pem'), pfx: read('rp.p12') };
}

describe('the RP client over HTTPS with a client certificate', () => {
  let dir: string;
  let sim: BankIdSimulator;
  let certs: ReturnType<typeof makeCertificates>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skolhubben-bankid-tls-'));
    certs = makeCertificates(dir);
    sim = await startBankIdSimulator({
      tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, requestCert: true, rejectUnauthorized: true },
    });
  });
  afterEach(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('speaks to BankID with the relying party certificate (PKCS#12, passphrase) and trusts only BankID’s CA', async () => {
    expect(sim.rpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/rp\/v6\.0$/);
    const bankid = httpBankIdClient({ url: sim.rpUrl, pfx: certs.pfx, passphrase: 'qwerty123', ca: certs.ca });
    const order = await bankid.auth({ endUserIp: '192.0.2.7' });
    expect((await bankid.collect(order.orderRef)).status).toBe('pending');
    await bankid.cancel(order.orderRef);
  });

  it('gets nowhere without the certificate, or when the server is not BankID’s', async () => {
    const noCert = httpBankIdClient({ url: sim.rpUrl, ca: certs.ca });
    await expect(noCert.auth({ endUserIp: '192.0.2.7' })).rejects.toMatchObject({ errorCode: 'unreachable' });
    const wrongTrust = httpBankIdClient({ url: sim.rpUrl, pfx: certs.pfx, passphrase: 'qwerty123' });
    await expect(wrongTrust.auth({ endUserIp: '192.0.2.7' })).rejects.toMatchObject({ errorCode: 'unreachable' });
    // A wrong passphrase stops the client at once (the server at start).
    expect(() => httpBankIdClient({ url: sim.rpUrl, pfx: certs.pfx, passphrase: 'wrong', ca: certs.ca })).toThrow(
      /certificate \(PKCS#12\) cannot be read/,
    );
  });
});
