import type { CategoryDef } from '../../../../shared/incidents.ts';

const d = (amount: number, unit: 'natural_hours' | 'natural_days' | 'working_hours' | 'working_days') => ({ amount, unit });

/**
 * Version 1 of the event categories, loaded by migration 0008 and never changed afterwards (a city publishes version 2 and
 * up through the API). 大类 follow the CJJ/T 106 event classes of STANDARDS §1.2 (names seen in real systems, numbering
 * from general knowledge); the community 小类 (楼道堆物, 消防通道堵塞, 绿地种菜, 违章搭建, 矛盾纠纷线索) come from the seed's
 * campaigns. Time limits are plausible defaults (urgent ones in natural hours, STANDARDS §1.3), to be set by each city.
 */
export const CATEGORIES_V1: readonly CategoryDef[] = [
  { code: '01', name: { zh: '市容环境', en: 'City appearance and environment' } },
  { code: '0101', name: { zh: '私搭乱建', en: 'Makeshift structures' }, deadline: d(5, 'working_days'), urgency: 'normal' },
  { code: '0102', name: { zh: '暴露垃圾', en: 'Exposed rubbish' }, deadline: d(4, 'working_hours'), urgency: 'normal' },
  { code: '0103', name: { zh: '积存渣土', en: 'Piled spoil' }, deadline: d(2, 'working_days'), urgency: 'normal' },
  { code: '0104', name: { zh: '道路不洁', en: 'Dirty road' }, deadline: d(1, 'working_days'), urgency: 'normal' },
  { code: '0105', name: { zh: '绿地脏乱', en: 'Messy green space' }, deadline: d(2, 'working_days'), urgency: 'normal' },
  { code: '0106', name: { zh: '楼道堆物', en: 'Things piled in stairwells' }, deadline: d(3, 'working_days'), urgency: 'normal' },
  { code: '0107', name: { zh: '绿地种菜', en: 'Vegetables grown on green space' }, deadline: d(5, 'working_days'), urgency: 'normal' },
  { code: '0108', name: { zh: '违章搭建', en: 'Illegal building' }, deadline: d(10, 'working_days'), urgency: 'normal' },
  { code: '02', name: { zh: '宣传广告', en: 'Advertising' } },
  { code: '0201', name: { zh: '非法小广告', en: 'Illegal flyers' }, deadline: d(1, 'working_days'), urgency: 'normal' },
  { code: '0202', name: { zh: '违规户外广告', en: 'Non-compliant outdoor advertising' }, deadline: d(5, 'working_days'), urgency: 'normal' },
  { code: '03', name: { zh: '施工管理', en: 'Construction' } },
  { code: '0301', name: { zh: '施工扰民', en: 'Construction noise' }, deadline: d(4, 'natural_hours'), urgency: 'urgent' },
  { code: '0302', name: { zh: '施工占道', en: 'Construction blocking the road' }, deadline: d(2, 'working_days'), urgency: 'normal' },
  { code: '0303', name: { zh: '工地扬尘', en: 'Construction dust' }, deadline: d(1, 'working_days'), urgency: 'normal' },
  { code: '0304', name: { zh: '施工废弃料', en: 'Construction waste' }, deadline: d(2, 'working_days'), urgency: 'normal' },
  { code: '04', name: { zh: '突发事件', en: 'Emergencies' } },
  { code: '0401', name: { zh: '管道破裂', en: 'Burst pipe' }, deadline: d(2, 'natural_hours'), urgency: 'urgent' },
  { code: '0402', name: { zh: '路面塌陷', en: 'Road collapse' }, deadline: d(2, 'natural_hours'), urgency: 'urgent' },
  { code: '0403', name: { zh: '道路积水', en: 'Flooded road' }, deadline: d(4, 'natural_hours'), urgency: 'urgent' },
  { code: '0404', name: { zh: '火灾隐患', en: 'Fire hazard' }, deadline: d(2, 'natural_hours'), urgency: 'urgent' },
  { code: '05', name: { zh: '街面秩序', en: 'Street order' } },
  { code: '0501', name: { zh: '无照经营', en: 'Unlicensed trading' }, deadline: d(3, 'working_days'), urgency: 'normal' },
  { code: '0502', name: { zh: '占道经营', en: 'Trading on the road' }, deadline: d(1, 'working_days'), urgency: 'normal' },
  { code: '0503', name: { zh: '流浪乞讨', en: 'Vagrancy and begging' }, deadline: d(1, 'working_days'), urgency: 'normal' },
  { code: '0504', name: { zh: '黑车拉客', en: 'Unlicensed taxis' }, deadline: d(1, 'working_days'), urgency: 'normal' },
  { code: '0505', name: { zh: '消防通道堵塞', en: 'Blocked fire lane' }, deadline: d(4, 'natural_hours'), urgency: 'urgent' },
  { code: '06', name: { zh: '其他', en: 'Other' } },
  { code: '0601', name: { zh: '矛盾纠纷线索', en: 'Dispute lead' }, deadline: d(3, 'working_days'), urgency: 'normal' },
  { code: '0699', name: { zh: '其他问题', en: 'Other problem' }, deadline: d(5, 'working_days'), urgency: 'normal' },
];
