import { notOwner } from './errors';

describe('a change aimed at a copy', () => {
  it('names the owner as its users know it, and gives its code to clients', () => {
    const e = notOwner('riyadh', 'ministry');
    expect(e.code).toBe('NOT_OWNER');
    expect(e.details).toEqual({ owner: 'riyadh' });
    expect(e.text.ar).toBe('هذا السجل يخص أمانة منطقة الرياض، وما لدى وزارة الشؤون البلدية والقروية نسخة منه للاطلاع فقط؛ أجرِ التعديل لدى أمانة منطقة الرياض.');
    expect(e.text.en).toBe(
      'This record belongs to Riyadh Region Municipality (riyadh); Ministry of Municipal and Rural Affairs holds a read-only copy of it. Make the change at Riyadh Region Municipality.',
    );
    // a node outside the sector's list is named by its code
    expect(notOwner('hafr-test', 'ministry').text.ar).toContain('يخص hafr-test،');
  });
});
