/** A GSS (ONS) area code: a letter for the nation (E, W, S, N, K for the UK) and eight digits, e.g. E07000088. */
export const GSS_CODE = /^[EWSNK]\d{8}$/;
