import type { Axis as SectorAxis } from '../../services/kernel/src/domain';
import type { InitiativeStatus } from '../../services/initiatives/src/initiative/initiative';

// The demo's initiatives as data: national and municipal ones, their plans, the integration criteria and assessments.

// the axes and statuses as the seed writes them: the kernel's and the service's, as text
type Axis = `${SectorAxis}`;
export type Status = Exclude<`${InitiativeStatus}`, 'PROPOSED'>;

/** Where an initiative stands today; the dates and reports that make its RAG and lateness come out so. */
export type Plan = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'LATE' | 'COMPLETED' | 'SUSPENDED' | 'APPROVED' | 'PROPOSED' | 'CANCELLED';

interface Target {
  kpi: string;
  unit: string;
  targetValue: number;
  kpiEn: string;
  unitEn?: string;
}

export interface InitiativeSeed {
  key: string;
  axis: Axis;
  titleAr: string;
  titleEn: string;
  descriptionAr: string;
  descriptionEn: string;
  targets: Target[];
  plan: Plan;
  /** The national initiative (its key) a municipal one rolls up to. */
  parent?: string;
}

/** Days from today of the planned period, the lifecycle, and the progress reported along it. */
export const PLANS: Record<Plan, { start: number; end: number; path: Status[]; reports: number[]; last?: Status; reason?: string }> = {
  // expected ≈ 33 %, reported 36 %: on track
  ON_TRACK: { start: -120, end: 240, path: ['APPROVED', 'IN_PROGRESS'], reports: [15, 36] },
  // expected ≈ 42 %, reported 28 %: more than 10 points behind
  AT_RISK: { start: -150, end: 210, path: ['APPROVED', 'IN_PROGRESS'], reports: [12, 28] },
  // expected ≈ 67 %, reported 35 %: more than 25 points behind
  OFF_TRACK: { start: -200, end: 100, path: ['APPROVED', 'IN_PROGRESS'], reports: [20, 35] },
  // past its planned end a month ago, not completed
  LATE: { start: -400, end: -30, path: ['APPROVED', 'IN_PROGRESS'], reports: [60, 82] },
  COMPLETED: { start: -330, end: -15, path: ['APPROVED', 'IN_PROGRESS'], reports: [70, 100], last: 'COMPLETED' },
  SUSPENDED: {
    start: -90,
    end: 270,
    path: ['APPROVED', 'IN_PROGRESS'],
    reports: [12],
    last: 'SUSPENDED',
    reason: 'إيقاف مؤقت لحين اعتماد الميزانية التشغيلية للعام المالي.',
  },
  APPROVED: { start: 30, end: 395, path: ['APPROVED'], reports: [] },
  PROPOSED: { start: 60, end: 425, path: [], reports: [] },
  CANCELLED: { start: -60, end: 300, path: ['APPROVED'], reports: [], last: 'CANCELLED', reason: 'ضُمّت أعمالها إلى العقد الوطني الموحد لتفادي الازدواجية.' },
};

export const NOTES: Partial<Record<Plan, string[]>> = {
  ON_TRACK: ['بدأ التنفيذ وفق الخطة المعتمدة واستُكملت أعمال التهيئة.', 'تسير الأعمال وفق الجدول الزمني المعتمد.'],
  AT_RISK: ['بدأ التنفيذ بعد استكمال إجراءات الترسية.', 'تأخر في أعمال المرحلة الثانية بسبب إجراءات التعاقد، وتجري معالجته.'],
  OFF_TRACK: ['بدأ التنفيذ في المواقع ذات الأولوية.', 'تعثر أحد المقاولين وتأخر توريد المواد؛ رُفع الأمر للإدارة العليا لاتخاذ اللازم.'],
  LATE: ['اكتملت أعمال المرحلة الأولى.', 'تجاوزت المبادرة موعد الانتهاء المخطط؛ المتبقي أعمال الاستلام النهائي.'],
  COMPLETED: ['اكتملت معظم الأعمال الميدانية.', 'اكتملت الأعمال وتم الاستلام النهائي.'],
  SUSPENDED: ['بدأت الأعمال التمهيدية.'],
};

// the sixteen sector-development initiatives the ministry and the municipalities arrived at (16 مبادرة لتطوير القطاع البلدي)
export const NATIONAL_INITIATIVES: InitiativeSeed[] = [
  {
    key: 'NAT-01',
    axis: 'HEALTH_AWARENESS',
    titleAr: 'سلامة الغذاء في المنشآت الغذائية',
    titleEn: 'Food safety in food establishments',
    descriptionAr: 'رفع التزام المطاعم والمنشآت الغذائية باشتراطات سلامة الغذاء من خلال التوعية والتدريب والرقابة الميدانية.',
    descriptionEn: 'Raising the compliance of restaurants and food establishments with food-safety requirements through awareness, training and inspection.',
    targets: [
      { kpi: 'نسبة المنشآت الملتزمة باشتراطات سلامة الغذاء', unit: '%', targetValue: 90, kpiEn: 'Establishments meeting food safety requirements' },
      { kpi: 'عدد العاملين المدربين', unit: 'عامل', targetValue: 20000, kpiEn: 'Workers trained', unitEn: 'workers' },
    ],
    plan: 'ON_TRACK',
  },
  {
    key: 'NAT-02',
    axis: 'HEALTH_AWARENESS',
    titleAr: 'مكافحة نواقل الأمراض والتوعية بحمى الضنك',
    titleEn: 'Disease-vector control and dengue awareness',
    descriptionAr: 'حملات توعوية وميدانية للقضاء على بؤر تكاثر البعوض الناقل لحمى الضنك بالشراكة مع الجهات الصحية.',
    descriptionEn: 'Awareness and field campaigns to remove the breeding sites of dengue-carrying mosquitoes, with the health authorities.',
    targets: [
      { kpi: 'عدد الأحياء المشمولة بالحملات التوعوية', unit: 'حي', targetValue: 600, kpiEn: 'Districts reached by awareness campaigns', unitEn: 'districts' },
      { kpi: 'نسبة انخفاض البلاغات عن تجمعات المياه', unit: '%', targetValue: 40, kpiEn: 'Fall in reports of standing water' },
    ],
    plan: 'AT_RISK',
  },
  {
    key: 'NAT-03',
    axis: 'HEALTH_AWARENESS',
    titleAr: 'أنسنة المدن ومسارات المشي',
    titleEn: 'Humanising cities: walking paths',
    descriptionAr: 'تهيئة مسارات آمنة للمشي وممارسة النشاط البدني في الأحياء والحدائق تعزيزاً لجودة الحياة.',
    descriptionEn: 'Safe paths for walking and physical activity in neighbourhoods and parks, for a better quality of life.',
    targets: [{ kpi: 'أطوال مسارات المشي المنفذة', unit: 'كم', targetValue: 350, kpiEn: 'Walking track length built', unitEn: 'km' }],
    plan: 'ON_TRACK',
  },
  {
    key: 'NAT-04',
    axis: 'E_SERVICES',
    titleAr: 'التحول الرقمي للخدمات البلدية عبر منصة بلدي',
    titleEn: 'Municipal services online on the Balady platform',
    descriptionAr: 'تقديم الخدمات البلدية إلكترونياً بالكامل عبر منصة بلدي وربطها بالجهات الحكومية ذات العلاقة.',
    descriptionEn: 'Every municipal service online on the Balady platform, connected to the government bodies concerned.',
    targets: [{ kpi: 'نسبة الخدمات البلدية المقدمة إلكترونياً', unit: '%', targetValue: 95, kpiEn: 'Municipal services delivered online' }],
    plan: 'ON_TRACK',
  },
  {
    key: 'NAT-05',
    axis: 'E_SERVICES',
    titleAr: 'الرخص التجارية الفورية',
    titleEn: 'Instant commercial licences',
    descriptionAr: 'إصدار رخص الأنشطة التجارية منخفضة المخاطر فورياً دون زيارة ميدانية مسبقة.',
    descriptionEn: 'Licences for low-risk commercial activities issued at once, without a prior site visit.',
    targets: [{ kpi: 'نسبة الرخص الصادرة فورياً', unit: '%', targetValue: 80, kpiEn: 'Permits issued instantly' }],
    plan: 'OFF_TRACK',
  },
  {
    key: 'NAT-06',
    axis: 'E_SERVICES',
    titleAr: 'الدفع الإلكتروني الموحد للرسوم البلدية',
    titleEn: 'Unified e-payment of municipal fees',
    descriptionAr: 'تحصيل الرسوم والغرامات البلدية إلكترونياً عبر نظام سداد بدلاً من المراجعة الحضورية.',
    descriptionEn: 'Municipal fees and fines collected online through SADAD instead of at the counter.',
    targets: [{ kpi: 'نسبة المدفوعات الإلكترونية من إجمالي الرسوم', unit: '%', targetValue: 90, kpiEn: 'Electronic payments of all fees' }],
    plan: 'COMPLETED',
  },
  {
    key: 'NAT-07',
    axis: 'INTERACTIVE_SERVICES',
    titleAr: 'تطوير مركز البلاغات البلدية 940',
    titleEn: 'The municipal reports centre 940',
    descriptionAr: 'تسريع استقبال بلاغات المواطنين ومعالجتها عبر الرقم الموحد 940 وتطبيق بلدي، وإبلاغ المبلّغ بالنتيجة.',
    descriptionEn: 'Faster handling of citizens’ reports through the unified number 940 and the Balady app, with the outcome sent back.',
    targets: [
      { kpi: 'نسبة البلاغات المعالجة خلال 48 ساعة', unit: '%', targetValue: 85, kpiEn: 'Reports resolved within 48 hours' },
      { kpi: 'نسبة رضا المبلّغين', unit: '%', targetValue: 80, kpiEn: 'Reporter satisfaction' },
    ],
    plan: 'ON_TRACK',
  },
  {
    key: 'NAT-08',
    axis: 'INTERACTIVE_SERVICES',
    titleAr: 'إشراك المجتمع في تطوير الأحياء',
    titleEn: 'Community participation in neighbourhood development',
    descriptionAr: 'ورش عمل ومجالس أحياء يشارك فيها السكان في تحديد أولويات المشاريع البلدية.',
    descriptionEn: 'Workshops and neighbourhood councils where residents help set the priorities of municipal projects.',
    targets: [{ kpi: 'عدد ورش العمل المجتمعية', unit: 'ورشة', targetValue: 120, kpiEn: 'Community workshops', unitEn: 'workshops' }],
    plan: 'APPROVED',
  },
  {
    key: 'NAT-09',
    axis: 'INFRASTRUCTURE',
    titleAr: 'معالجة التشوه البصري',
    titleEn: 'Tackling visual pollution',
    descriptionAr: 'إزالة مظاهر التشوه البصري في الشوارع والواجهات التجارية والأراضي الفضاء وتحسين المشهد الحضري.',
    descriptionEn: 'Removing visual pollution from streets, shop fronts and vacant plots, and improving the urban scene.',
    targets: [{ kpi: 'عدد مواقع التشوه البصري المعالجة', unit: 'موقع', targetValue: 15000, kpiEn: 'Visual pollution sites treated', unitEn: 'sites' }],
    plan: 'ON_TRACK',
  },
  {
    key: 'NAT-10',
    axis: 'INFRASTRUCTURE',
    titleAr: 'درء أخطار السيول وتصريف مياه الأمطار',
    titleEn: 'Flood protection and stormwater drainage',
    descriptionAr: 'تنفيذ شبكات تصريف مياه الأمطار وقنوات درء السيول في المدن الأكثر تعرضاً للأمطار.',
    descriptionEn: 'Stormwater networks and flood channels in the cities most exposed to heavy rain.',
    targets: [{ kpi: 'أطوال شبكات تصريف مياه الأمطار المنفذة', unit: 'كم', targetValue: 300, kpiEn: 'Stormwater drainage network built', unitEn: 'km' }],
    plan: 'LATE',
  },
  {
    key: 'NAT-11',
    axis: 'INFRASTRUCTURE',
    titleAr: 'رفع كفاءة الإنارة العامة',
    titleEn: 'Efficient street lighting',
    descriptionAr: 'استبدال وحدات الإنارة العامة بتقنية LED الموفرة للطاقة وربطها بنظام تحكم مركزي.',
    descriptionEn: 'Street lights replaced with energy-saving LED units under central control.',
    targets: [{ kpi: 'عدد وحدات الإنارة المستبدلة بتقنية LED', unit: 'وحدة', targetValue: 200000, kpiEn: 'Light fittings replaced with LED', unitEn: 'units' }],
    plan: 'AT_RISK',
  },
  {
    key: 'NAT-12',
    axis: 'OVERSIGHT',
    titleAr: 'الرقابة الذكية على المنشآت التجارية',
    titleEn: 'Smart inspection of commercial establishments',
    descriptionAr: 'جولات رقابية موجهة بالمخاطر تُنفذ عبر تطبيق ميداني موحد وتُربط نتائجها بالرخص.',
    descriptionEn: 'Risk-based inspection rounds through one field app, their results linked to the licences.',
    targets: [{ kpi: 'نسبة الجولات الرقابية المنفذة عبر التطبيق الميداني', unit: '%', targetValue: 80, kpiEn: 'Inspection rounds made through the field app' }],
    plan: 'ON_TRACK',
  },
  {
    key: 'NAT-13',
    axis: 'OVERSIGHT',
    titleAr: 'الرقابة على مواقع البناء والمشاريع',
    titleEn: 'Oversight of construction sites',
    descriptionAr: 'متابعة التزام مواقع البناء باشتراطات السلامة والرخص المعتمدة وحماية الطرق والأرصفة المجاورة.',
    descriptionEn: 'Checking that construction sites keep to safety rules and their permits, and protect nearby roads and pavements.',
    targets: [{ kpi: 'عدد مواقع البناء المفتشة', unit: 'موقع', targetValue: 25000, kpiEn: 'Construction sites inspected', unitEn: 'sites' }],
    plan: 'APPROVED',
  },
  {
    key: 'NAT-14',
    axis: 'PROCEDURE_IMPROVEMENT',
    titleAr: 'تبسيط إجراءات رخص البناء',
    titleEn: 'Simpler building permits',
    descriptionAr: 'تقليص خطوات إصدار رخص البناء ومدته بالاعتماد على المكاتب الهندسية المؤهلة والمخططات النموذجية.',
    descriptionEn: 'Fewer steps and less time to a building permit, through qualified engineering offices and model plans.',
    targets: [{ kpi: 'نسبة رخص البناء الصادرة خلال 10 أيام', unit: '%', targetValue: 90, kpiEn: 'Building permits issued within 10 days' }],
    plan: 'OFF_TRACK',
  },
  {
    key: 'NAT-15',
    axis: 'PROCEDURE_IMPROVEMENT',
    titleAr: 'توحيد أدلة الإجراءات في الأمانات',
    titleEn: 'One procedures manual for every municipality',
    descriptionAr: 'إعداد أدلة إجراءات موحدة للخدمات البلدية تعتمدها جميع الأمانات والبلديات.',
    descriptionEn: 'Unified procedure manuals for municipal services, adopted by every municipality.',
    targets: [{ kpi: 'عدد أدلة الإجراءات الموحدة المعتمدة', unit: 'دليل', targetValue: 30, kpiEn: 'Unified procedure guides approved', unitEn: 'guides' }],
    plan: 'COMPLETED',
  },
  {
    key: 'NAT-16',
    axis: 'PROCEDURE_IMPROVEMENT',
    titleAr: 'قياس رضا المستفيدين عن الخدمات البلدية',
    titleEn: 'Measuring satisfaction with municipal services',
    descriptionAr: 'مؤشر وطني دوري لرضا المستفيدين عن الخدمات البلدية تُبنى عليه خطط التحسين.',
    descriptionEn: 'A periodic national index of satisfaction with municipal services, to base improvement plans on.',
    targets: [{ kpi: 'مؤشر رضا المستفيدين', unit: '%', targetValue: 80, kpiEn: 'Beneficiary satisfaction' }],
    plan: 'PROPOSED',
  },
];

/** Each municipality's initiatives, rolling up to the national ones. */
export const MUNICIPAL_INITIATIVES: Record<string, { prefix: string; initiatives: InitiativeSeed[] }> = {
  riyadh: {
    prefix: 'RUH',
    initiatives: [
      {
        key: 'RUH-01',
        parent: 'NAT-04',
        axis: 'E_SERVICES',
        titleAr: 'تفعيل خدمات بلدي في مراكز خدمة العملاء بالبلديات الفرعية',
        titleEn: 'Balady services at the sub-municipalities’ service centres',
        descriptionAr: 'تحويل معاملات مراكز خدمة العملاء في البلديات الفرعية إلى منصة بلدي مع مساعدة المراجعين على استخدامها.',
        descriptionEn: 'Moving the service centres’ transactions to Balady, helping visitors use it.',
        targets: [{ kpi: 'نسبة المعاملات المنجزة إلكترونياً', unit: '%', targetValue: 90, kpiEn: 'Transactions completed online' }],
        plan: 'ON_TRACK',
      },
      {
        key: 'RUH-02',
        parent: 'NAT-01',
        axis: 'HEALTH_AWARENESS',
        titleAr: 'برنامج سلامة الغذاء في مطاعم وسط الرياض',
        titleEn: 'Food safety in central Riyadh restaurants',
        descriptionAr: 'تدريب العاملين في المطاعم والمقاهي بوسط الرياض على اشتراطات سلامة الغذاء ومتابعة تطبيقها.',
        descriptionEn: 'Training the staff of restaurants and cafés in central Riyadh in food-safety rules, and following up.',
        targets: [{ kpi: 'عدد المنشآت الغذائية المستهدفة', unit: 'منشأة', targetValue: 4000, kpiEn: 'Food establishments targeted', unitEn: 'establishments' }],
        plan: 'LATE',
      },
      {
        key: 'RUH-03',
        parent: 'NAT-03',
        axis: 'HEALTH_AWARENESS',
        titleAr: 'مسارات المشي في أحياء شمال الرياض',
        titleEn: 'Walking paths in north Riyadh',
        descriptionAr: 'إنشاء مسارات مشي مظللة ومضاءة في أحياء شمال الرياض وربطها بالحدائق القائمة.',
        descriptionEn: 'Shaded, lit walking paths in the districts of north Riyadh, linked to the existing parks.',
        targets: [{ kpi: 'أطوال المسارات المنفذة', unit: 'كم', targetValue: 45, kpiEn: 'Track length built', unitEn: 'km' }],
        plan: 'AT_RISK',
      },
      {
        key: 'RUH-04',
        parent: 'NAT-09',
        axis: 'INFRASTRUCTURE',
        titleAr: 'معالجة التشوه البصري في الشوارع التجارية',
        titleEn: 'Visual pollution on commercial streets',
        descriptionAr: 'توحيد اللوحات التجارية وتحسين الواجهات وإزالة المخلفات في الشوارع التجارية الرئيسة.',
        descriptionEn: 'Uniform shop signs, better fronts and debris removal on the main commercial streets.',
        targets: [{ kpi: 'عدد اللوحات والواجهات المعالجة', unit: 'موقع', targetValue: 2500, kpiEn: 'Signs and facades treated', unitEn: 'sites' }],
        plan: 'COMPLETED',
      },
      {
        key: 'RUH-05',
        parent: 'NAT-10',
        axis: 'INFRASTRUCTURE',
        titleAr: 'تطوير شبكة تصريف مياه الأمطار شرق الرياض',
        titleEn: 'Stormwater network in east Riyadh',
        descriptionAr: 'استكمال شبكة تصريف مياه الأمطار في الأحياء الشرقية الأكثر تضرراً من تجمعات المياه.',
        descriptionEn: 'Completing the stormwater network in the eastern districts worst hit by standing water.',
        targets: [{ kpi: 'أطوال الشبكة المنفذة', unit: 'كم', targetValue: 38, kpiEn: 'Network length built', unitEn: 'km' }],
        plan: 'OFF_TRACK',
      },
      {
        key: 'RUH-06',
        parent: 'NAT-12',
        axis: 'OVERSIGHT',
        titleAr: 'الجولات الرقابية الذكية على المحلات التجارية',
        titleEn: 'Smart inspection rounds of shops',
        descriptionAr: 'تخطيط الجولات الرقابية على المحلات التجارية حسب درجة المخاطر وتنفيذها عبر التطبيق الميداني.',
        descriptionEn: 'Planning shop inspections by risk and carrying them out through the field app.',
        targets: [{ kpi: 'نسبة الجولات المنفذة عبر التطبيق', unit: '%', targetValue: 85, kpiEn: 'Rounds made through the app' }],
        plan: 'APPROVED',
      },
      {
        key: 'RUH-07',
        parent: 'NAT-14',
        axis: 'PROCEDURE_IMPROVEMENT',
        titleAr: 'رخصة البناء الفورية للمساكن الفردية',
        titleEn: 'Instant building permits for private homes',
        descriptionAr: 'إصدار رخص بناء المساكن الفردية في اليوم نفسه عند استخدام المخططات النموذجية المعتمدة.',
        descriptionEn: 'Same-day building permits for private homes built to approved model plans.',
        targets: [{ kpi: 'نسبة الرخص الصادرة في اليوم نفسه', unit: '%', targetValue: 70, kpiEn: 'Permits issued the same day' }],
        plan: 'PROPOSED',
      },
      {
        key: 'RUH-08',
        parent: 'NAT-08',
        axis: 'INTERACTIVE_SERVICES',
        titleAr: 'مجالس الأحياء التفاعلية',
        titleEn: 'Interactive neighbourhood councils',
        descriptionAr: 'لقاءات دورية بين البلديات الفرعية وسكان الأحياء لمناقشة الاحتياجات والمشاريع.',
        descriptionEn: 'Regular meetings of the sub-municipalities with residents on their needs and projects.',
        targets: [{ kpi: 'عدد المجالس المنعقدة', unit: 'مجلس', targetValue: 60, kpiEn: 'Councils held', unitEn: 'councils' }],
        plan: 'SUSPENDED',
      },
      {
        key: 'RUH-09',
        parent: 'NAT-07',
        axis: 'INTERACTIVE_SERVICES',
        titleAr: 'تسريع معالجة بلاغات 940 في الرياض',
        titleEn: 'Faster handling of 940 reports in Riyadh',
        descriptionAr: 'توجيه البلاغات آلياً إلى الفرق الميدانية الأقرب ومتابعة إغلاقها خلال 48 ساعة.',
        descriptionEn: 'Reports routed automatically to the nearest field team and closed within 48 hours.',
        targets: [{ kpi: 'نسبة البلاغات المغلقة خلال 48 ساعة', unit: '%', targetValue: 90, kpiEn: 'Reports closed within 48 hours' }],
        plan: 'ON_TRACK',
      },
      {
        key: 'RUH-10',
        parent: 'NAT-02',
        axis: 'HEALTH_AWARENESS',
        titleAr: 'التوعية بمكافحة البعوض الناقل لحمى الضنك',
        titleEn: 'Awareness of dengue mosquito control',
        descriptionAr: 'حملة توعوية في الأحياء للتخلص من تجمعات المياه الراكدة التي يتكاثر فيها البعوض.',
        descriptionEn: 'A campaign in the districts to get rid of the standing water mosquitoes breed in.',
        targets: [{ kpi: 'عدد الأحياء المشمولة', unit: 'حي', targetValue: 80, kpiEn: 'Districts covered', unitEn: 'districts' }],
        plan: 'ON_TRACK',
      },
    ],
  },
  jeddah: {
    prefix: 'JED',
    initiatives: [
      {
        key: 'JED-01',
        parent: 'NAT-02',
        axis: 'HEALTH_AWARENESS',
        titleAr: 'مكافحة البعوض الناقل لحمى الضنك في أحياء جدة',
        titleEn: 'Dengue mosquito control in Jeddah’s districts',
        descriptionAr: 'رش وقائي ومعالجة بؤر تكاثر البعوض الناقل لحمى الضنك مع حملة توعوية للسكان.',
        descriptionEn: 'Preventive spraying and treatment of dengue-mosquito breeding sites, with an awareness campaign.',
        targets: [
          { kpi: 'عدد الأحياء المشمولة', unit: 'حي', targetValue: 120, kpiEn: 'Districts covered', unitEn: 'districts' },
          { kpi: 'عدد البؤر المعالجة', unit: 'بؤرة', targetValue: 9000, kpiEn: 'Breeding sites treated', unitEn: 'sites' },
        ],
        plan: 'ON_TRACK',
      },
      {
        key: 'JED-02',
        parent: 'NAT-10',
        axis: 'INFRASTRUCTURE',
        titleAr: 'درء أخطار السيول في جنوب جدة',
        titleEn: 'Flood protection in south Jeddah',
        descriptionAr: 'تنفيذ قنوات تصريف السيول في أحياء جنوب جدة وحماية الطرق الحيوية من تجمعات الأمطار.',
        descriptionEn: 'Flood channels in the districts of south Jeddah, protecting the main roads from rainwater.',
        targets: [{ kpi: 'أطوال قنوات التصريف المنفذة', unit: 'كم', targetValue: 60, kpiEn: 'Drainage channel length built', unitEn: 'km' }],
        plan: 'LATE',
      },
      {
        key: 'JED-03',
        parent: 'NAT-03',
        axis: 'HEALTH_AWARENESS',
        titleAr: 'تطوير ممشى الواجهة البحرية',
        titleEn: 'The waterfront promenade',
        descriptionAr: 'تطوير ممشى الواجهة البحرية وتزويده بالمرافق ومسارات الدراجات.',
        descriptionEn: 'A better waterfront promenade, with amenities and cycle lanes.',
        targets: [{ kpi: 'أطوال الممشى المطور', unit: 'كم', targetValue: 12, kpiEn: 'Walkway length developed', unitEn: 'km' }],
        plan: 'COMPLETED',
      },
      {
        key: 'JED-04',
        parent: 'NAT-12',
        axis: 'OVERSIGHT',
        titleAr: 'الرقابة على المنشآت الغذائية في جدة التاريخية',
        titleEn: 'Inspecting food establishments in historic Jeddah',
        descriptionAr: 'تكثيف الزيارات الرقابية على المطاعم ومحلات الأغذية في منطقة جدة التاريخية.',
        descriptionEn: 'More inspection visits to restaurants and food shops in historic Jeddah.',
        targets: [{ kpi: 'عدد الزيارات الرقابية', unit: 'زيارة', targetValue: 6000, kpiEn: 'Inspection visits', unitEn: 'visits' }],
        plan: 'AT_RISK',
      },
      {
        key: 'JED-05',
        parent: 'NAT-06',
        axis: 'E_SERVICES',
        titleAr: 'التحول إلى الدفع الإلكتروني للرسوم البلدية',
        titleEn: 'Municipal fees paid online',
        descriptionAr: 'إيقاف التحصيل النقدي في البلديات الفرعية والتحول الكامل إلى السداد الإلكتروني.',
        descriptionEn: 'No more cash at the sub-municipalities: every fee paid online.',
        targets: [{ kpi: 'نسبة المدفوعات الإلكترونية', unit: '%', targetValue: 95, kpiEn: 'Electronic payments' }],
        plan: 'ON_TRACK',
      },
      {
        key: 'JED-06',
        parent: 'NAT-09',
        axis: 'INFRASTRUCTURE',
        titleAr: 'معالجة التشوه البصري في جدة التاريخية (البلد)',
        titleEn: 'Visual pollution in historic Jeddah (Al-Balad)',
        descriptionAr: 'ترميم الواجهات وتوحيد اللوحات وإزالة التمديدات العشوائية في منطقة البلد.',
        descriptionEn: 'Restoring fronts, uniform signs and removing stray cabling in Al-Balad.',
        targets: [{ kpi: 'عدد الواجهات المعالجة', unit: 'واجهة', targetValue: 800, kpiEn: 'Facades treated', unitEn: 'facades' }],
        plan: 'APPROVED',
      },
      {
        key: 'JED-07',
        parent: 'NAT-05',
        axis: 'E_SERVICES',
        titleAr: 'الرخص التجارية الفورية للمحلات الصغيرة',
        titleEn: 'Instant licences for small shops',
        descriptionAr: 'إصدار رخص المحلات الصغيرة منخفضة المخاطر فورياً عبر منصة بلدي.',
        descriptionEn: 'Low-risk small shops licensed at once on Balady.',
        targets: [{ kpi: 'نسبة الرخص الفورية', unit: '%', targetValue: 75, kpiEn: 'Instant permits' }],
        plan: 'PROPOSED',
      },
      {
        key: 'JED-08',
        parent: 'NAT-11',
        axis: 'INFRASTRUCTURE',
        titleAr: 'استبدال الإنارة في الطرق الرئيسية بتقنية LED',
        titleEn: 'LED lighting on the main roads',
        descriptionAr: 'استبدال وحدات الإنارة في الطرق الرئيسية بوحدات موفرة للطاقة.',
        descriptionEn: 'Energy-saving lights on the main roads.',
        targets: [{ kpi: 'عدد الوحدات المستبدلة', unit: 'وحدة', targetValue: 30000, kpiEn: 'Units replaced', unitEn: 'units' }],
        plan: 'CANCELLED',
      },
    ],
  },
};

/** The ministry's integration criteria (معايير تكامل المبادرات) with their weights. */
export const CRITERIA = [
  {
    nameAr: 'الارتباط بمبادرة وطنية',
    nameEn: 'Rolls up to a national initiative',
    description: 'مدى إسهام المبادرة في تحقيق مستهدفات المبادرة الوطنية المرتبطة بها.',
    weight: 25,
  },
  {
    nameAr: 'التكامل مع المنصات الرقمية الموحدة',
    nameEn: 'Integration with the unified digital platforms',
    description: 'استخدام منصة بلدي والأنظمة الموحدة بدلاً من حلول منفصلة.',
    weight: 20,
  },
  {
    nameAr: 'وضوح المؤشرات وقابليتها للقياس',
    nameEn: 'Clear, measurable KPIs',
    description: 'وجود مؤشرات أداء محددة بقيم مستهدفة وآلية قياس دورية.',
    weight: 20,
  },
  {
    nameAr: 'قابلية التعميم على الأمانات الأخرى',
    nameEn: 'Can be rolled out to other municipalities',
    description: 'إمكانية نقل التجربة وتطبيقها في أمانات ومدن أخرى.',
    weight: 15,
  },
  {
    nameAr: 'إشراك المجتمع والقطاع الخاص',
    nameEn: 'Involves the community and the private sector',
    description: 'مشاركة السكان والقطاع الخاص في التخطيط والتنفيذ.',
    weight: 20,
  },
];

/** Assessments: by whom (the ministry at the hub, or the owner node), of which initiative, with a score per criterion. */
export const ASSESSMENTS: { at: 'ministry' | 'owner'; initiative: string; scores: number[]; note: string }[] = [
  { at: 'ministry', initiative: 'RUH-01', scores: [90, 95, 80, 85, 60], note: 'مبادرة متكاملة مع منصة بلدي ويمكن تعميمها على الأمانات.' },
  { at: 'ministry', initiative: 'RUH-05', scores: [85, 40, 70, 60, 35], note: 'يلزم تحديث الجدول الزمني ومعالجة تعثر المقاول.' },
  { at: 'ministry', initiative: 'JED-01', scores: [95, 55, 90, 90, 80], note: 'تجربة ناجحة في إشراك السكان؛ يوصى بتعميمها على المدن الساحلية.' },
  { at: 'ministry', initiative: 'JED-02', scores: [80, 35, 65, 50, 40], note: 'متأخرة عن الخطة؛ تُرفع تقارير إنجاز أسبوعية.' },
  { at: 'owner', initiative: 'RUH-09', scores: [85, 90, 85, 80, 70], note: 'تقييم ذاتي بعد الربع الأول من التنفيذ.' },
  { at: 'owner', initiative: 'JED-05', scores: [90, 95, 85, 85, 50], note: 'تقييم ذاتي: اكتمل ربط البلديات الفرعية بنظام السداد.' },
];
