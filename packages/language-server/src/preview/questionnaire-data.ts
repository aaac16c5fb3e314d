import type { LocalizedText, SurveyModel } from '@kto/model/model';

/** A condition for people: in kto syntax, and in plain words per survey language. */
export interface ConditionText {
    kto: string;
    words: LocalizedText;
}

/** What the questionnaire page's script receives (embedded in the page as JSON). */
export interface QuestionnaireData {
    /** The survey model, without what the questionnaire does not use (indicators, drivers, tests). */
    model: SurveyModel;
    /** The language and respondent variant to show first ('' = the default respondent). */
    language: string;
    variant: string;
    /** Per element name: when it is reached, and (screen-outs) when it ends the interview. */
    conditions: Record<string, { askedWhen?: ConditionText; endsWhen?: ConditionText }>;
}
