import { addDays, type SeedDays } from './days';
import type { Axis as SectorAxis } from '../../services/kernel/src/domain';
import type { CampaignStatus as Status } from '../../services/calendar/src/campaign/campaign';

// The demo's calendar as data: each node's campaigns and entries, placed relative to today.

// the axes and statuses as the seed writes them: the kernel's and the service's, as text
type Axis = `${SectorAxis}`;
type CampaignStatus = `${Status}`;

export interface CampaignSeed {
  key: string;
  titleAr: string;
  titleEn: string;
  descriptionAr: string;
  axis: Axis;
  audiences: string[];
  channels: string[];
  /** First and last day, both included. */
  from: string;
  to: string;
  status: CampaignStatus;
  /** Keys of the initiatives it serves. */
  initiatives?: string[];
  reason?: string;
}

export interface EntrySeed {
  kind: 'CAMPAIGN_LAUNCH' | 'EVENT' | 'MILESTONE' | 'PRESS_CONFERENCE';
  titleAr: string;
  titleEn: string;
  descriptionAr?: string;
  location?: string;
  axis?: Axis;
  campaign?: string;
  when: { startsAt: string; endsAt: string } | { startDate: string; endDate?: string };
}

/** A campaign meant to be scheduled, placed by its dates: live while they run, done once they have passed. */
function byDates(days: SeedDays, from: string, to: string): CampaignStatus {
  if (to < days.today) return 'DONE';
  return from <= days.today ? 'LIVE' : 'SCHEDULED';
}

/** Each node's campaigns; some of them clash, as real calendars do. */
export function campaignsOf(node: string, days: SeedDays): CampaignSeed[] {
  const ramadan = days.ramadan();
  const nationalDay = days.nationalDay();
  const d = (n: number) => days.day(n);
  switch (node) {
    case 'ministry': {
      const ramadanFrom = addDays(ramadan.from, -3);
      const nationalFrom = addDays(nationalDay, -7);
      const nationalTo = addDays(nationalDay, 7);
      return [
        {
          key: 'NC-RAMADAN',
          titleAr: 'صحتك في رمضان',
          titleEn: 'Your health in Ramadan',
          descriptionAr: 'حملة وطنية للتوعية بسلامة الغذاء وتكثيف الرقابة على المنشآت الغذائية طوال شهر رمضان المبارك، تنفذها الأمانات في جميع المناطق.',
          axis: 'HEALTH_AWARENESS',
          audiences: ['RESIDENTS', 'FAMILIES', 'BUSINESSES'],
          channels: ['X', 'INSTAGRAM', 'SMS', 'OUTDOOR'],
          from: ramadanFrom,
          to: ramadan.to,
          status: byDates(days, ramadanFrom, ramadan.to),
          initiatives: ['NAT-01'],
        },
        {
          key: 'NC-NATIONAL-DAY',
          titleAr: 'اليوم الوطني في مدننا',
          titleEn: 'National Day in our cities',
          descriptionAr: 'فعاليات الأمانات في الحدائق والساحات العامة احتفاءً باليوم الوطني، وتهيئة المدن لاستقبال الزوار.',
          axis: 'INTERACTIVE_SERVICES',
          audiences: ['RESIDENTS', 'FAMILIES', 'VISITORS', 'YOUTH'],
          channels: ['X', 'INSTAGRAM', 'SNAPCHAT', 'TIKTOK', 'OUTDOOR'],
          from: nationalFrom,
          to: nationalTo,
          status: byDates(days, nationalFrom, nationalTo),
          initiatives: ['NAT-08'],
        },
        {
          key: 'NC-BALADY',
          titleAr: 'بلدي في جوالك',
          titleEn: 'Balady in your pocket',
          descriptionAr: 'حملة وطنية للتعريف بالخدمات البلدية الإلكترونية المتاحة عبر منصة بلدي وتطبيقها.',
          axis: 'E_SERVICES',
          audiences: ['RESIDENTS', 'BUSINESSES'],
          channels: ['X', 'INSTAGRAM', 'YOUTUBE', 'SMS'],
          from: d(-20),
          to: d(40),
          status: 'LIVE',
          initiatives: ['NAT-04', 'NAT-06'],
        },
        {
          key: 'NC-VISUAL',
          titleAr: 'مدينتي أجمل',
          titleEn: 'A more beautiful city',
          descriptionAr: 'حملة وطنية لإشراك السكان في الإبلاغ عن مظاهر التشوه البصري ومعالجتها.',
          axis: 'INFRASTRUCTURE',
          audiences: ['RESIDENTS', 'BUSINESSES', 'CONTRACTORS'],
          channels: ['X', 'OUTDOOR', 'PRESS'],
          from: d(-120),
          to: d(-61),
          status: 'DONE',
          initiatives: ['NAT-09'],
        },
        {
          key: 'NC-FOOD',
          titleAr: 'سلامة الغذاء مسؤوليتنا',
          titleEn: 'Food safety is our responsibility',
          descriptionAr: 'حملة موجهة لأصحاب المنشآت الغذائية حول الشهادات الصحية واشتراطات التخزين والتحضير.',
          axis: 'OVERSIGHT',
          audiences: ['BUSINESSES'],
          channels: ['X', 'INSTAGRAM', 'PRESS', 'SMS'],
          from: d(90),
          to: d(120),
          status: 'DRAFT',
          initiatives: ['NAT-01', 'NAT-12'],
        },
        {
          key: 'NC-PERMITS',
          titleAr: 'أسبوع تبسيط الإجراءات',
          titleEn: 'Simpler procedures week',
          descriptionAr: 'أسبوع للتعريف بالإجراءات المختصرة لرخص البناء والرخص التجارية.',
          axis: 'PROCEDURE_IMPROVEMENT',
          audiences: ['BUSINESSES', 'CONTRACTORS'],
          channels: ['WEBSITE', 'PRESS'],
          from: d(45),
          to: d(51),
          status: 'CANCELLED',
          initiatives: ['NAT-14'],
          reason: 'أُجّلت إلى الربع القادم لتتزامن مع إطلاق المخططات النموذجية.',
        },
      ];
    }
    case 'riyadh': {
      const marketFrom = addDays(ramadan.from, 5);
      const marketTo = addDays(ramadan.to, -5);
      return [
        {
          key: 'RC-LICENCE',
          titleAr: 'رخصتك في يومك',
          titleEn: 'Your licence the same day',
          descriptionAr: 'التعريف بإصدار رخص الأنشطة التجارية منخفضة المخاطر في اليوم نفسه عبر منصة بلدي.',
          axis: 'E_SERVICES',
          audiences: ['BUSINESSES'],
          channels: ['X', 'INSTAGRAM', 'SMS'],
          from: d(-10),
          to: d(50),
          status: 'LIVE',
          initiatives: ['RUH-01'],
        },
        {
          key: 'RC-WALK',
          titleAr: 'امشِ الرياض',
          titleEn: 'Walk Riyadh',
          descriptionAr: 'دعوة سكان الرياض إلى المشي اليومي في المسارات الجديدة بأحياء شمال المدينة.',
          axis: 'HEALTH_AWARENESS',
          audiences: ['RESIDENTS', 'FAMILIES', 'YOUTH'],
          channels: ['X', 'INSTAGRAM', 'SNAPCHAT', 'OUTDOOR'],
          from: d(15),
          to: d(45),
          status: 'SCHEDULED',
          initiatives: ['RUH-03'],
        },
        {
          key: 'RC-SCHOOLS',
          titleAr: 'غذاء صحي لأطفالنا',
          titleEn: 'Healthy food for our children',
          descriptionAr: 'توعية الأسر باختيار الوجبات المدرسية الصحية وبالاشتراطات الصحية للمقاصف.',
          axis: 'HEALTH_AWARENESS',
          audiences: ['FAMILIES'],
          channels: ['INSTAGRAM', 'SNAPCHAT', 'SMS'],
          from: d(30),
          to: d(60),
          status: 'SCHEDULED',
          initiatives: ['RUH-02'],
        },
        {
          key: 'RC-RAMADAN-MARKET',
          titleAr: 'سوق رمضان الآمن',
          titleEn: 'A safe Ramadan market',
          descriptionAr: 'جولات رقابية مكثفة على الأسواق الموسمية وبسطات رمضان في أحياء الرياض.',
          axis: 'OVERSIGHT',
          audiences: ['BUSINESSES', 'VISITORS'],
          channels: ['X', 'SMS', 'OUTDOOR'],
          from: marketFrom,
          to: marketTo,
          status: byDates(days, marketFrom, marketTo),
          initiatives: ['RUH-06'],
        },
        {
          key: 'RC-BEAUTY',
          titleAr: 'الرياض أجمل',
          titleEn: 'A more beautiful Riyadh',
          descriptionAr: 'إبراز أعمال معالجة التشوه البصري في الشوارع التجارية ودعوة أصحاب المحلات إلى الالتزام بأدلة اللوحات.',
          axis: 'INFRASTRUCTURE',
          audiences: ['RESIDENTS', 'BUSINESSES'],
          channels: ['X', 'OUTDOOR'],
          from: d(-90),
          to: d(-60),
          status: 'DONE',
          initiatives: ['RUH-04'],
        },
        {
          key: 'RC-REMOTE',
          titleAr: 'خدمات بلديتك عن بُعد',
          titleEn: 'Your municipality, remotely',
          descriptionAr: 'التعريف بالخدمات التي يمكن إنجازها دون زيارة البلدية الفرعية.',
          axis: 'E_SERVICES',
          audiences: ['RESIDENTS'],
          channels: ['WEBSITE', 'SMS'],
          from: d(70),
          to: d(100),
          status: 'DRAFT',
          initiatives: ['RUH-01'],
        },
      ];
    }
    case 'jeddah': {
      const cornicheFrom = addDays(nationalDay, -3);
      const cornicheTo = addDays(nationalDay, 4);
      return [
        {
          key: 'JC-DENGUE',
          titleAr: 'جدة بلا ضنك',
          titleEn: 'Jeddah free of dengue',
          descriptionAr: 'حملة توعوية وميدانية للقضاء على بؤر تكاثر البعوض الناقل لحمى الضنك في أحياء جدة.',
          axis: 'HEALTH_AWARENESS',
          audiences: ['RESIDENTS', 'FAMILIES'],
          channels: ['X', 'INSTAGRAM', 'SNAPCHAT', 'SMS'],
          from: d(-15),
          to: d(30),
          status: 'LIVE',
          initiatives: ['JED-01'],
        },
        {
          key: 'JC-CORNICHE',
          titleAr: 'كورنيش جدة للجميع',
          titleEn: 'Jeddah’s corniche for everyone',
          descriptionAr: 'فعاليات يومية للأسر والزوار على الواجهة البحرية احتفاءً باليوم الوطني.',
          axis: 'INTERACTIVE_SERVICES',
          audiences: ['FAMILIES', 'VISITORS', 'YOUTH'],
          channels: ['INSTAGRAM', 'SNAPCHAT', 'TIKTOK'],
          from: cornicheFrom,
          to: cornicheTo,
          status: byDates(days, cornicheFrom, cornicheTo),
          initiatives: ['JED-03'],
        },
        {
          key: 'JC-RAIN',
          titleAr: 'جاهزون لموسم الأمطار',
          titleEn: 'Ready for the rainy season',
          descriptionAr: 'إطلاع السكان على خطة الأمانة لموسم الأمطار وأرقام الطوارئ وإرشادات السلامة.',
          axis: 'INFRASTRUCTURE',
          audiences: ['RESIDENTS', 'CONTRACTORS'],
          channels: ['X', 'SMS', 'PRESS'],
          from: d(20),
          to: d(50),
          status: 'SCHEDULED',
          initiatives: ['JED-02'],
        },
        {
          key: 'JC-PAY',
          titleAr: 'ادفع رسومك إلكترونياً',
          titleEn: 'Pay your fees online',
          descriptionAr: 'التعريف بسداد الرسوم البلدية إلكترونياً بعد إيقاف التحصيل النقدي.',
          axis: 'E_SERVICES',
          audiences: ['BUSINESSES'],
          channels: ['X', 'SMS', 'WEBSITE'],
          from: d(-60),
          to: d(-30),
          status: 'DONE',
          initiatives: ['JED-05'],
        },
        {
          key: 'JC-FESTIVAL',
          titleAr: 'مهرجان الواجهة البحرية',
          titleEn: 'Waterfront festival',
          descriptionAr: 'مهرجان ترفيهي للأسر على الواجهة البحرية.',
          axis: 'INTERACTIVE_SERVICES',
          audiences: ['FAMILIES', 'VISITORS'],
          channels: ['INSTAGRAM', 'TIKTOK'],
          from: d(25),
          to: d(28),
          status: 'CANCELLED',
          reason: 'أُلغي لتزامنه مع أعمال تطوير الواجهة البحرية.',
        },
      ];
    }
    default:
      return [];
  }
}

/** Launches, events and press conferences of each node. */
export function entriesOf(node: string, days: SeedDays): EntrySeed[] {
  switch (node) {
    case 'ministry':
      return [
        {
          kind: 'EVENT',
          titleAr: 'اللقاء الدوري التاسع لمديري العلاقات العامة والإعلام بالأمانات',
          titleEn: 'Ninth periodic meeting of the municipalities’ public-relations and media directors',
          descriptionAr: 'مناقشة الروزنامة التسويقية والإعلامية الموحدة، وتوحيد مضامين الرسائل الإعلامية، ومتابعة تنفيذ المبادرات.',
          location: 'مقر الوزارة، الرياض',
          when: { startsAt: days.at(14, '10:00'), endsAt: days.at(14, '13:00') },
        },
        {
          kind: 'PRESS_CONFERENCE',
          titleAr: 'مؤتمر صحفي لإطلاق حملة «بلدي في جوالك»',
          titleEn: 'Press conference launching “Balady in your pocket”',
          location: 'المركز الإعلامي بالوزارة',
          campaign: 'NC-BALADY',
          when: { startsAt: days.at(-20, '11:00'), endsAt: days.at(-20, '12:00') },
        },
        {
          kind: 'CAMPAIGN_LAUNCH',
          titleAr: 'إطلاق حملة «صحتك في رمضان»',
          titleEn: 'Launch of “Your health in Ramadan”',
          campaign: 'NC-RAMADAN',
          when: { startDate: addDays(days.ramadan().from, -3) },
        },
      ];
    case 'riyadh':
      return [
        {
          kind: 'CAMPAIGN_LAUNCH',
          titleAr: 'تدشين حملة «امشِ الرياض»',
          titleEn: 'Launch of “Walk Riyadh”',
          location: 'منتزه الملك عبدالله بالملز',
          campaign: 'RC-WALK',
          when: { startsAt: days.at(15, '16:30'), endsAt: days.at(15, '18:00') },
        },
        {
          kind: 'MILESTONE',
          titleAr: 'اكتمال المرحلة الثانية من تفعيل خدمات بلدي في البلديات الفرعية',
          titleEn: 'Balady at the sub-municipalities: second phase complete',
          axis: 'E_SERVICES',
          when: { startDate: days.day(40) },
        },
      ];
    case 'jeddah':
      return [
        {
          kind: 'EVENT',
          titleAr: 'يوم تطوعي لمكافحة بؤر البعوض',
          titleEn: 'Volunteer day against mosquito breeding sites',
          location: 'حي الصفا، جدة',
          campaign: 'JC-DENGUE',
          when: { startsAt: days.at(5, '07:00'), endsAt: days.at(5, '11:00') },
        },
        {
          kind: 'PRESS_CONFERENCE',
          titleAr: 'الإعلان عن خطة جاهزية موسم الأمطار',
          titleEn: 'The rainy-season plan announced',
          location: 'مبنى أمانة محافظة جدة',
          campaign: 'JC-RAIN',
          when: { startsAt: days.at(19, '10:00'), endsAt: days.at(19, '11:00') },
        },
      ];
    default:
      return [];
  }
}
