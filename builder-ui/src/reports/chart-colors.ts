/** Series colours: the brand indigo first; the previous period is drawn in grey, dashed. */
export const SERIES_COLORS = ['#4f46e5', '#0d9488', '#d97706', '#db2777', '#2563eb', '#65a30d'];
export const PREVIOUS_COLOR = '#9ca3af';
export const AXIS_STYLE = { fontSize: 12, fill: '#6b7280' };
