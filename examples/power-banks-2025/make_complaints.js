#!/usr/bin/env node
// Writes data/complaints.csv for the power-banks-2025 example: the fire and explosion
// complaints the story turns on (listed by hand below), plus background complaints
// (overheating, capacity, swelling...) that fill each month up to its volume, so that
// complaints peak in July 2025 and fall by 85% from August on.
//
// Deterministic: a fixed-seed generator, so re-running it reproduces the committed file.
// Usage: node make_complaints.js [OUT.csv]   (default: data/complaints.csv next to this file)
'use strict';
const fs = require('fs');
const path = require('path');

// Complaints per month (all products together). July 2025 is the peak (120);
// August has 18 = 15% of it, and no later month has more.
const MONTHLY_VOLUME = {
  '2024-01': 1, '2024-02': 1, '2024-03': 2, '2024-04': 2, '2024-05': 2, '2024-06': 3,
  '2024-07': 3, '2024-08': 4, '2024-09': 6, '2024-10': 7, '2024-11': 5, '2024-12': 4,
  '2025-01': 8, '2025-02': 6, '2025-03': 10, '2025-04': 14, '2025-05': 22, '2025-06': 46,
  '2025-07': 120, '2025-08': 18, '2025-09': 16, '2025-10': 14, '2025-11': 12, '2025-12': 10,
};

// The fire/explosion complaints the expected findings depend on (see README.md).
// [product, received_on, hazard, channel]
const STORY_COMPLAINTS = [
  ['QY-S10-2403', '2024-08-20', 'explosion', 'dealer'],
  ['LD-MINI5', '2024-09-20', 'fire', 'platform'],
  ['LD-MINI5', '2024-10-05', 'explosion', 'hotline'],
  ['LD-MINI5', '2024-10-15', 'fire', 'platform'],
  ['XC-S10', '2025-01-08', 'fire', 'platform'],
  ['QY-S10-2406', '2025-01-10', 'fire', 'hotline'],
  ['XC-S10', '2025-01-17', 'fire', 'hotline'],
  ['QY-S10-2406', '2025-02-20', 'fire', 'platform'],
  ['QY-S10-2406', '2025-04-10', 'fire', 'dealer'],
  ['BJ-T30', '2025-04-10', 'fire', 'platform'],
  ['HK-SLIM5', '2025-04-15', 'fire', 'direct'],
  ['LD-P20', '2025-04-18', 'fire', 'platform'],
  ['BJ-T30', '2025-04-29', 'fire', 'hotline'],
  ['KC-10K', '2025-05-02', 'fire', 'platform'],
  ['LD-P20', '2025-05-09', 'explosion', 'hotline'],
  ['BJ-T30', '2025-05-12', 'explosion', 'platform'],
  ['LD-P20', '2025-05-20', 'fire', 'platform'],
  ['QY-Q20', '2025-06-05', 'fire', 'platform'],
  ['QY-Q20', '2025-06-12', 'fire', 'hotline'],
  ['LD-M10', '2025-06-14', 'fire', 'platform'],
  ['QY-Q20', '2025-06-20', 'explosion', 'platform'],
  ['FH-X20', '2025-06-25', 'fire', 'platform'],
  ['LD-M10', '2025-06-26', 'explosion', 'hotline'],
  ['XC-V20', '2025-07-03', 'fire', 'platform'],
  ['FH-X20', '2025-07-08', 'explosion', 'hotline'],
  ['XC-V20', '2025-07-11', 'explosion', 'hotline'],
  ['XC-V20', '2025-07-19', 'fire', 'platform'],
  ['FH-X20', '2025-07-21', 'fire', 'platform'],
  ['FH-X20', '2025-07-29', 'fire', 'dealer'],
  ['FH-X20', '2025-08-11', 'explosion', 'platform'],
  ['FH-X20', '2025-09-16', 'fire', 'hotline'],
  ['QY-Q10', '2025-11-05', 'fire', 'platform'],
  ['QY-Q10', '2025-12-02', 'fire', 'hotline'],
  ['KC-20K', '2025-12-05', 'fire', 'platform'],
  ['KC-20K', '2025-12-15', 'fire', 'platform'],
  ['KC-20K', '2025-12-21', 'explosion', 'hotline'],
];

// Products that receive background complaints: first sale (no complaint before it),
// relative volume, and the day after which a background complaint may itself be a fire
// or explosion (the product's defect case is open by then, so it changes no finding).
// Products without that date only get non-fire background complaints.
const PRODUCTS = {
  'LD-MINI5': { from: '2024-01-19', weight: 3, fireAfter: '2024-10-21' },
  'LD-P20': { from: '2024-03-15', weight: 10, fireAfter: '2025-05-30', peak: true },
  'LD-M10': { from: '2024-09-20', weight: 6, fireAfter: '2025-07-04', peak: true },
  'LD-P10': { from: '2025-01-10', weight: 3 },
  'QY-Q20': { from: '2024-05-10', weight: 8, fireAfter: '2025-06-23', peak: true },
  'QY-S10-2403': { from: '2024-03-29', weight: 2, fireAfter: '2024-09-02' },
  'QY-S10-2406': { from: '2024-06-28', weight: 1 },
  'QY-S5': { from: '2024-08-30', weight: 1 },
  'QY-Q10': { from: '2025-03-07', weight: 2 },
  'HK-SLIM5': { from: '2024-07-05', weight: 2, fireAfter: '2025-05-26' },
  'BJ-T30': { from: '2024-08-16', weight: 4, fireAfter: '2025-05-20', peak: true },
  'BJ-C10': { from: '2025-08-22', weight: 1 },
  'XC-S10': { from: '2024-06-14', weight: 2, fireAfter: '2025-01-20' },
  'XC-V20': { from: '2025-01-17', weight: 4, fireAfter: '2025-07-28', peak: true },
  'FH-X20': { from: '2024-11-08', weight: 5, peak: true },
  'FH-M10': { from: '2024-09-06', weight: 2 },
  'KC-10K': { from: '2024-06-21', weight: 1 },
  'KC-5K': { from: '2024-03-15', weight: 1 },
  'KC-20K': { from: '2024-10-18', weight: 1 },
};
const PEAK_MONTHS = new Set(['2025-06', '2025-07', '2025-08']);
const PEAK_FACTOR = 4;

const DESCRIPTIONS = {
  fire: ['充电时起火 / caught fire while charging', '放在包里冒烟起火 / smoked and caught fire in a bag',
    '床头充电时起火 / caught fire on a bedside table while charging'],
  explosion: ['鼓包后爆裂 / swelled and burst', '充电时爆炸 / exploded while charging'],
  overheating: ['充电时外壳烫手 / casing too hot to touch while charging', '使用中发热严重 / overheats in use',
    '充电口附近发烫变色 / discoloured and hot near the USB-C port'],
  other: ['电量虚标 / capacity far below the label', '无法充电 / stopped charging', '外壳鼓包 / casing swelling',
    '指示灯异常 / indicator lights wrong'],
};
const CHANNELS = [['platform', 5], ['hotline', 3], ['dealer', 1], ['direct', 1]];

// mulberry32: small, fast, good enough for test data.
function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = makeRandom(20250701);
const pick = (items) => items[Math.floor(random() * items.length)];
const pickWeighted = (pairs) => {
  let r = random() * pairs.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of pairs) {
    r -= w;
    if (r < 0) return item;
  }
  return pairs[pairs.length - 1][0];
};
const daysInMonth = (month) => new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate();

function backgroundComplaint(month) {
  let day;
  let candidates = [];
  while (candidates.length === 0) {  // redraw a day on which no product was on sale yet
    day = `${month}-${String(1 + Math.floor(random() * daysInMonth(month))).padStart(2, '0')}`;
    candidates = Object.entries(PRODUCTS)
      .filter(([, p]) => p.from <= day)
      .map(([id, p]) => [id, p.weight * (p.peak && PEAK_MONTHS.has(month) ? PEAK_FACTOR : 1)]);
  }
  const product = pickWeighted(candidates);
  const fireAllowed = PRODUCTS[product].fireAfter && day > PRODUCTS[product].fireAfter;
  const hazard = pickWeighted(fireAllowed
    ? [['fire', 2], ['explosion', 1], ['overheating', 4], ['other', 3]]
    : [['overheating', 4], ['other', 3]]);
  return [product, day, hazard, pickWeighted(CHANNELS)];
}

function main() {
  const out = process.argv[2] || path.join(__dirname, 'data', 'complaints.csv');
  const rows = STORY_COMPLAINTS.map((row) => [...row, true]);
  for (const [month, volume] of Object.entries(MONTHLY_VOLUME)) {
    const story = STORY_COMPLAINTS.filter(([, day]) => day.startsWith(month)).length;
    if (story > volume) throw new Error(`${month}: ${story} story complaints exceed the volume ${volume}`);
    for (let i = story; i < volume; i++) rows.push([...backgroundComplaint(month), false]);
  }
  // By date; within a day the story rows come first (the sort is stable).
  rows.sort((a, b) => (a[1] === b[1] ? Number(b[4]) - Number(a[4]) : a[1] < b[1] ? -1 : 1));
  const lines = ['complaint_id,product_id,received_on,channel,hazard,description'];
  rows.forEach(([product, day, hazard, channel], i) => {
    const id = `CMP-${String(i + 1).padStart(4, '0')}`;
    lines.push([id, product, day, channel, hazard, pick(DESCRIPTIONS[hazard])].join(','));
  });
  fs.writeFileSync(out, lines.join('\n') + '\n');
  console.log(`wrote ${rows.length} complaints to ${out}`);
}

main();
