import { describe, expect, it } from 'vitest';
import { errorMessage, failedMessage, pendingMessage } from './bankid.js';
import { en } from './i18n/en.js';
import { sv as firstPaint } from './i18n/sv.js';
import { svViews } from './i18n/sv-views.js';

const sv = { ...firstPaint, ...svViews };

describe('BankID user messages', () => {
  it('maps every pending hint code to the recommended message for the flow', () => {
    expect(pendingMessage('qr', 'outstandingTransaction')).toBe('bankid.rfa1');
    expect(pendingMessage('device', 'outstandingTransaction')).toBe('bankid.rfa13');
    expect(pendingMessage('qr', 'noClient')).toBe('bankid.rfa1');
    expect(pendingMessage('device', 'noClient')).toBe('bankid.rfa1');
    expect(pendingMessage('qr', 'started')).toBe('bankid.rfa14');
    expect(pendingMessage('device', 'started')).toBe('bankid.rfa15');
    expect(pendingMessage('qr', 'userSign')).toBe('bankid.rfa9');
    expect(pendingMessage('device', 'userMrtd')).toBe('bankid.rfa23');
    expect(pendingMessage('qr', undefined)).toBe('bankid.rfa1');
    expect(pendingMessage('device', undefined)).toBe('bankid.rfa13');
  });

  it('maps every failed hint code, startFailed by flow', () => {
    expect(failedMessage('qr', 'expiredTransaction')).toBe('bankid.rfa8');
    expect(failedMessage('qr', 'certificateErr')).toBe('bankid.rfa16');
    expect(failedMessage('qr', 'userCancel')).toBe('bankid.rfa6');
    expect(failedMessage('device', 'cancelled')).toBe('bankid.rfa3');
    expect(failedMessage('qr', 'startFailed')).toBe('bankid.rfa17qr');
    expect(failedMessage('device', 'startFailed')).toBe('bankid.rfa17device');
  });

  it('maps refused calls: alreadyInProgress to RFA4, faults of BankID to RFA5', () => {
    expect(errorMessage('alreadyInProgress')).toBe('bankid.rfa4');
    for (const code of ['requestTimeout', 'maintenance', 'internalError'])
      expect(errorMessage(code)).toBe('bankid.rfa5');
  });

  it('gives unknown codes a safe general message, also for names of Object.prototype', () => {
    for (const code of ['somethingNew', 'toString', '__proto__', 'constructor']) {
      expect(pendingMessage('qr', code)).toBe('bankid.rfa21');
      expect(failedMessage('device', code)).toBe('bankid.rfa22');
      expect(errorMessage(code)).toBe('bankid.rfa22');
    }
    expect(failedMessage('qr', undefined)).toBe('bankid.rfa22');
    expect(errorMessage(undefined)).toBe('bankid.rfa22');
  });

  it('has each message in Swedish, worded as BankID recommends, and in English', () => {
    expect(sv['bankid.rfa1']).toBe('Starta BankID-appen.');
    expect(sv['bankid.rfa3']).toBe('Åtgärden avbruten. Försök igen.');
    expect(sv['bankid.rfa4']).toBe(
      'En identifiering eller underskrift för det här personnumret är redan påbörjad. Försök igen.',
    );
    expect(sv['bankid.rfa6']).toBe('Åtgärden avbruten.');
    expect(sv['bankid.rfa8']).toMatch(/^BankID-appen svarar inte\./);
    expect(sv['bankid.rfa9']).toBe('Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.');
    expect(sv['bankid.rfa17qr']).toMatch(/^Misslyckades att läsa av QR-koden\./);
    expect(sv['bankid.rfa22']).toBe('Okänt fel. Försök igen.');
    const keys = Object.keys(sv).filter((k) => k.startsWith('bankid.rfa'));
    expect(keys.length).toBe(16);
    for (const k of keys) expect(en[k as keyof typeof en]).toBeTruthy();
  });
});
