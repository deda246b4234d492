Feature: Costs and how they are shared
  The budget covers the venue, catering, speaker fees and travel. Speakers who attend as part
  of their office cost no fee. Shared costs are split between the organisations line by line.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @R4
  Rule: The budget has lines for the venue, catering, speaker fees and travel

    @kept
    Scenario: Every kind of cost has its budget line
      Given the planning has reached the "Cost sharing" stage with everything in order
      Then "Draw up the budget" is in order
      And the stage can be left

    @broken
    Scenario: Travel costs are left out of the budget
      Given the planning has reached the "Cost sharing" stage with everything in order
      When the budget has no line for travel costs
      Then the stage cannot be left until "Draw up the budget" is in order

  @R5
  Rule: A speaker who speaks ex officio is paid no fee

    @kept
    Scenario: An expert from a ministry speaks without a fee
      Given the planning has reached the "Cost sharing" stage with everything in order
      When an expert speaking ex officio is booked without a fee
      Then "Flag speakers who speak ex officio" is in order
      And the stage can be left

    @broken
    Scenario: An expert speaking ex officio is offered a fee
      Given the planning has reached the "Cost sharing" stage with everything in order
      When an expert speaking ex officio is booked for a fee of 200 euros
      Then the stage cannot be left until "Flag speakers who speak ex officio" is in order

  @R6
  Rule: With a co-organiser, the split of costs is recorded for every budget line and approved

    @kept
    Scenario: Every budget line is split between the organisations
      Given the planning has reached the "Cost sharing" stage with everything in order
      Then "Record the cost split" is in order
      And "approves the cost split" is in order
      And the stage can be left

    @kept
    Scenario: Without a co-organiser there is nothing to split
      Given the planning has reached the "Cost sharing" stage with everything in order
      When the partner organisation withdraws
      Then "Record the cost split" does not apply to this event

    @broken
    Scenario: The catering split adds up to less than the whole
      Given the planning has reached the "Cost sharing" stage with everything in order
      When the split of the catering costs adds up to 90 %
      Then the stage cannot be left until "Record the cost split" is in order

    @broken
    Scenario: The partner has not approved the cost split
      Given the planning has reached the "Cost sharing" stage with everything in order
      When "approves the cost split" is left undone
      Then the stage cannot be left until "approves the cost split" is in order

    @broken
    Scenario: The partner withdraws after the costs were split, leaving lines split to it
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the partner organisation withdraws after the agreement
      Then "Record the cost split" is broken in a stage already left, with its fix
      And the event cannot move on until it is mended
